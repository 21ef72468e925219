package dev.migrator.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A small tasks list on SQLite whose schema Migrator keeps up to date. */
@SpringBootApplication
public class TasksApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(TasksApplication.class);
		application.addListeners(new DataDirectory());
		application.run(args);
	}

}
