package dev.migrator.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.Migrator;
import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A runner that holds the migration lock longer than the command line waits: exit code 3, the holder
 * named. The holder is alive (its heartbeat moves), so --lock-timeout alone would keep waiting;
 * --lock-max-wait bounds that wait.
 */
class LockTimeoutIT {

	@TempDir
	Path directory;

	@Test
	void waitingLongerThanLockTimeoutExitsThreeNamingTheHolder() throws Exception {
		Project project = Project.withThreeMigrations(this.directory);
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		JavaMigration slow = new JavaMigration() {

			@Override
			public String version() {
				return "1";
			}

			@Override
			public String description() {
				return "holds the lock";
			}

			@Override
			public void up(MigrationContext context) throws Exception {
				holding.countDown();
				// held until the test has its answer (the finally below): the bound is only longer than a
				// first CliRun can take (class archive up to 120 s, then the child up to 60 s), so a slow
				// start (a loaded machine, the coverage agent) still finds the lock taken
				release.await(5, TimeUnit.MINUTES);
			}

		};
		Path noScripts = Files.createDirectories(this.directory.resolve("none"));
		Migrator holder = Migrator.configure()
			.url(project.url())
			.locations("filesystem:" + noScripts)
			.javaMigrations(slow)
			.backupEnabled(false)
			.load();
		CompletableFuture<?> run = CompletableFuture.runAsync(holder::migrate);
		try {
			assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

			CliRun.Result migrate = project.cli().run("migrate", "--lock-timeout", "1s", "--lock-max-wait", "1s");

			assertThat(migrate.exitCode()).as(migrate.toString()).isEqualTo(3);
			assertThat(migrate.stderr()).contains("pid " + ProcessHandle.current().pid())
				.contains("hint: another runner is working: let it finish, or wait longer with --lock-max-wait");
		}
		finally {
			release.countDown();
			run.get(30, TimeUnit.SECONDS);
		}
	}

}
