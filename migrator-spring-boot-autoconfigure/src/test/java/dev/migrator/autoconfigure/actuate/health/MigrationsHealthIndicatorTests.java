package dev.migrator.autoconfigure.actuate.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.autoconfigure.ApplicationReady;
import dev.migrator.autoconfigure.MigrationActivity;
import dev.migrator.autoconfigure.MigrationStatus;
import dev.migrator.autoconfigure.MigratorAutoConfiguration;
import dev.migrator.autoconfigure.SqliteFile;
import dev.migrator.core.Migrator;
import dev.migrator.core.api.InfoResult;
import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.LockState;
import dev.migrator.core.api.MigrationContext;
import dev.migrator.core.api.MigrationInfo;
import dev.migrator.core.api.MigrationState;
import dev.migrator.core.api.MigrationType;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.internal.lock.FileMigrationLock;
import dev.migrator.core.internal.lock.LockLease;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class MigrationsHealthIndicatorTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class,
				MigrationsHealthContributorAutoConfiguration.class));

	@TempDir
	Path dir;

	@Test
	void upAtTheLatestVersion() {
		this.contextRunner.withPropertyValues(db()).run((context) -> {
			ApplicationReady.publish(context);
			Health health = context.getBean(MigrationsHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("currentVersion", "002").containsEntry("pending", 0);
		});
	}

	@Test
	void upAtTheTargetVersionWithLaterOnesPending() {
		this.contextRunner.withPropertyValues(db(), "migrator.target=1").run((context) -> {
			ApplicationReady.publish(context);
			assertThat(context.getBean(MigrationsHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void outOfServiceWhileTheSchemaIsBehindTheCode() {
		this.contextRunner.withPropertyValues(db()).run((context) -> {
			Health health = context.getBean(MigrationsHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
			assertThat(health.getDetails().get("reasons"))
				.isEqualTo(List.of("2 pending migrations up to version 002; the schema is behind the code"));
		});
	}

	@Test
	void outOfServiceWhileMigrating() {
		this.contextRunner.withPropertyValues(db()).withUserConfiguration(HealthDuringMigration.class).run((context) -> {
			ApplicationReady.publish(context);
			Health during = context.getBean(HealthDuringMigration.class).seen.get();
			assertThat(during.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
			assertThat(during.getDetails()).containsEntry("status", MigrationStatus.State.MIGRATING);
		});
	}

	@Test
	void downAfterAFailedMigration() {
		this.contextRunner
			.withPropertyValues(db(), "migrator.locations=classpath:db/failing", "migrator.on-failure=continue")
			.run((context) -> {
				ApplicationReady.publish(context);
				Health health = context.getBean(MigrationsHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				// health cannot tell who asks: the version and what to do, not the script's path or the database's text
				assertThat(health.getDetails().get("reasons").toString()).contains("run failed at", "in migration 002")
					.doesNotContain("002_broken.sql", "no_such_table");
			});
	}

	@Test
	void downWhenAnAppliedMigrationChanged() throws Exception {
		Path migrations = Files.createDirectories(this.dir.resolve("migrations"));
		Path script = Files.writeString(migrations.resolve("001_create_notes.sql"), "CREATE TABLE notes (id INTEGER);\n");
		this.contextRunner.withPropertyValues(db(), "migrator.locations=filesystem:" + migrations).run((context) -> {
			ApplicationReady.publish(context);
			Files.writeString(script, "CREATE TABLE notes (id INTEGER, body TEXT);\n");
			Health health = context.getBean(MigrationsHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("status", MigrationStatus.State.INVALID);
			assertThat(health.getDetails().get("reasons").toString()).contains("disagree (1 problem)")
				.doesNotContain("001_create_notes.sql", this.dir.toString());
		});
	}

	@Test
	void downWhenTheLockIsHeldPastItsLease() {
		Instant now = Instant.parse("2026-01-01T12:00:00Z");
		Migrator migrator = mock(Migrator.class);
		given(migrator.status()).willReturn(onePending());
		given(migrator.lockState()).willReturn(new LockState(true, "db-host-7", 4242, now.minus(Duration.ofMinutes(3))));
		MigrationsHealthIndicator indicator = new MigrationsHealthIndicator(migrator, new MigrationActivity(), null,
				Duration.ofMinutes(2), Clock.fixed(now, ZoneOffset.UTC));
		Health health = indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("reasons").toString()).contains("longer than PT2M")
			.doesNotContain("db-host-7", "4242");
	}

	@Test
	void outOfServiceWhileAnotherProcessHoldsTheLockBriefly() {
		Instant now = Instant.parse("2026-01-01T12:00:00Z");
		Migrator migrator = mock(Migrator.class);
		given(migrator.status()).willReturn(onePending());
		given(migrator.lockState()).willReturn(new LockState(true, "db-host-7", 4242, now.minusSeconds(5)));
		MigrationsHealthIndicator indicator = new MigrationsHealthIndicator(migrator, new MigrationActivity(), null,
				Duration.ofMinutes(2), Clock.fixed(now, ZoneOffset.UTC));
		assertThat(indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
	}

	// a rolling deploy: the old Pods' code is current, a new Pod migrates; the old ones keep serving
	@Test
	void upWhileAnotherRunnerHoldsTheLockAndNothingOfThisApplicationsIsPending() {
		Instant now = Instant.parse("2026-01-01T12:00:00Z");
		Migrator migrator = mock(Migrator.class);
		given(migrator.status()).willReturn(new InfoResult(MigrationVersion.parse("2"), List.of(), List.of(), List.of()));
		for (Instant since : List.of(now.minusSeconds(5), now.minus(Duration.ofMinutes(30)))) {
			given(migrator.lockState()).willReturn(new LockState(true, "db-host-7", 4242, since));
			MigrationsHealthIndicator indicator = new MigrationsHealthIndicator(migrator, new MigrationActivity(), null,
					Duration.ofMinutes(2), Clock.fixed(now, ZoneOffset.UTC));
			Health health = indicator.health();
			assertThat(health.getStatus()).as("lock held since %s", since).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("status", MigrationStatus.State.UP_TO_DATE);
		}
	}

	private static InfoResult onePending() {
		MigrationInfo pending = new MigrationInfo(MigrationVersion.parse("3"), "add index", MigrationType.SQL,
				"003_add_index.sql", "abc", MigrationState.PENDING, null, null, null, true, null);
		return new InfoResult(MigrationVersion.parse("2"), List.of(pending), List.of(), List.of());
	}

	@Test
	@SuppressWarnings("try") // the lease holds the lock until the block ends
	void outOfServiceNotStuckWhileThisApplicationWaitsForAnotherRunnersLock() throws Exception {
		SqliteFile file = SqliteFile.in(this.dir);
		FileMigrationLock otherRunner = new FileMigrationLock(FileMigrationLock.lockFileOf(file.path()), "another runner");
		try (LockLease held = otherRunner.acquire(Duration.ZERO)) {
			this.contextRunner
				.withPropertyValues(file.dataSourceUrl(), "migrator.lock.lease=1s", "migrator.lock.wait-timeout=2m")
				.run((context) -> {
					Thread starting = new Thread(() -> ApplicationReady.publish(context));
					starting.start();
					MigrationsHealthIndicator indicator = context.getBean(MigrationsHealthIndicator.class);
					// the other runner holds the lock past the lease, which alone reads as a stuck lock
					starting.join(1500);
					assertThat(starting.isAlive()).as("waiting for the lock").isTrue();
					Health waiting = indicator.health();
					assertThat(waiting.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
					assertThat(waiting.getDetails()).containsEntry("status", MigrationStatus.State.MIGRATING);

					held.close();
					starting.join(60_000);
					assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
				});
		}
	}

	@Test
	void backsOffWhenTheIndicatorIsDisabled() {
		this.contextRunner.withPropertyValues(db(), "management.health.migrations.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MigrationsHealthIndicator.class));
	}

	@Test
	void backsOffWithNoMigrator() {
		this.contextRunner.withPropertyValues(db(), "migrator.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MigrationsHealthIndicator.class));
	}

	private String db() {
		return SqliteFile.in(this.dir).dataSourceUrl();
	}

	@Configuration(proxyBeanMethods = false)
	static class HealthDuringMigration {

		final AtomicReference<Health> seen = new AtomicReference<>();

		// Looked up lazily: the indicator needs the migrator, which needs this migration.
		@Bean
		JavaMigration checksHealth(ObjectProvider<MigrationsHealthIndicator> indicator) {
			return new JavaMigration() {

				@Override
				public String version() {
					return "3";
				}

				@Override
				public String description() {
					return "checks health while migrating";
				}

				@Override
				public void up(MigrationContext context) {
					HealthDuringMigration.this.seen.set(indicator.getObject().health());
				}

			};
		}

	}

}
