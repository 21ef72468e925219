package dev.migrator.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.autoconfigure.event.MigrationAppliedEvent;
import dev.migrator.autoconfigure.event.MigrationEvent;
import dev.migrator.autoconfigure.event.MigrationFailedEvent;
import dev.migrator.autoconfigure.event.MigrationRolledBackEvent;
import dev.migrator.autoconfigure.event.MigrationRunFinishedEvent;
import dev.migrator.autoconfigure.event.MigrationRunStartedEvent;
import dev.migrator.core.Migrator;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Configuration;

class MigrationEventsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class))
		.withUserConfiguration(EventRecorder.class);

	@TempDir
	Path dir;

	@Test
	void aMigrateRunPublishesStartedAppliedAndFinishedInOrder() {
		this.contextRunner.withPropertyValues(SqliteFile.in(this.dir).dataSourceUrl()).run((context) -> {
			ApplicationReady.publish(context);
			assertThat(context.getBean(EventRecorder.class).seen).containsExactly("started migrate", "applied 001",
					"applied 002", "finished migrate succeeded=true");
		});
	}

	@Test
	void aFailedMigrationPublishesFailedThenFinishedWithTheFailure() {
		this.contextRunner
			.withPropertyValues(SqliteFile.in(this.dir).dataSourceUrl(), "migrator.locations=classpath:db/failing",
					"migrator.on-failure=continue")
			.run((context) -> {
				ApplicationReady.publish(context);
				assertThat(context.getBean(EventRecorder.class).seen).containsExactly("started migrate", "applied 001",
						"failed 002 at db/failing/002_broken.sql:2", "finished migrate succeeded=false");
			});
	}

	@Test
	void aRollbackPublishesRolledBack() {
		this.contextRunner.withPropertyValues(SqliteFile.in(this.dir).dataSourceUrl()).run((context) -> {
			ApplicationReady.publish(context);
			EventRecorder recorder = context.getBean(EventRecorder.class);
			recorder.seen.clear();
			context.getBean(Migrator.class).rollback(1);
			assertThat(recorder.seen).containsExactly("started rollback", "rolled back 002",
					"finished rollback succeeded=true");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class EventRecorder implements ApplicationListener<MigrationEvent> {

		final List<String> seen = new ArrayList<>();

		@Override
		public void onApplicationEvent(MigrationEvent event) {
			this.seen.add(describe(event));
		}

		private static String describe(MigrationEvent event) {
			if (event instanceof MigrationRunStartedEvent started) {
				return "started " + started.getCommand();
			}
			if (event instanceof MigrationAppliedEvent applied) {
				return "applied " + applied.getMigration().version();
			}
			if (event instanceof MigrationRolledBackEvent rolledBack) {
				return "rolled back " + rolledBack.getMigration().version();
			}
			if (event instanceof MigrationFailedEvent failed) {
				return "failed " + failed.getFailure().version() + " at " + failed.getFailure().script() + ":"
						+ failed.getFailure().line();
			}
			MigrationRunFinishedEvent finished = (MigrationRunFinishedEvent) event;
			return "finished " + finished.getCommand() + " succeeded=" + finished.isSucceeded();
		}

	}

}
