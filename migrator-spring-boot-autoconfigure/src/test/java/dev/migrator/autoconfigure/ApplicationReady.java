package dev.migrator.autoconfigure;

import java.time.Duration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

/** Says "the application is ready" to a test context, as SpringApplication would at the end of run. */
public final class ApplicationReady {

	private ApplicationReady() {
	}

	public static void publish(AssertableApplicationContext context) {
		context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0],
				context.getSourceApplicationContext(), Duration.ZERO));
	}

}
