package dev.migrator.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A task dashboard on SQLite — projects, repositories, milestones with their progress, tasks —
 * whose schema Migrator keeps up to date.
 */
@SpringBootApplication
public class DashboardApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(DashboardApplication.class);
		application.addListeners(new DataDirectory());
		application.run(args);
	}

}
