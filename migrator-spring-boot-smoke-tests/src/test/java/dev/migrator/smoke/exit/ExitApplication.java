package dev.migrator.smoke.exit;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A web application, started as its container would start it; what it does at start-up is set from outside. */
@SpringBootApplication
public class ExitApplication {

	public static void main(String[] args) {
		SpringApplication.run(ExitApplication.class, args);
	}

}
