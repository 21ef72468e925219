package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.migrator.core.api.IntegrityCheck;
import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigrationListener;
import dev.migrator.core.api.MigrationRun;
import dev.migrator.core.api.MigratorException;

class SqliteForeignWritesTest extends ForeignWritesScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new SqliteFixture(dir);
	}

	@Override
	String failsHalfWay() {
		return "-- migrator:no-transaction\nCREATE TABLE stays (id INTEGER);\nSELEC 1;";
	}

	/** WAL, as an application that writes while it migrates would use: readers and a writer do not block each other. */
	@Override
	void prepareForAConcurrentWriter() throws Exception {
		this.fx.query("PRAGMA journal_mode = WAL");
	}

	@Override
	Path backupFolder() {
		return this.dir.resolve("backups");
	}

	@Test
	void aCommitFromAnotherProcessIsSeenToo() throws Exception {
		Path db = ((SqliteFixture) this.fx).db;
		MigrationListener otherProcess = new MigrationListener() {
			@Override
			public void migrationApplied(MigrationRun run, boolean dryRun) {
				if (run.version().toString().equals("002")) {
					insertFromAnotherProcess(db, 1000);
				}
			}
		};

		assertThatThrownBy(() -> this.fx.configure().listeners(otherProcess).load().migrate())
			.isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("was NOT restored automatically: another connection committed to the database file since")
			.hasMessageContaining("orders (+1 rows)");

		assertThat(this.fx.query("SELECT item FROM orders WHERE id = 1000")).containsExactly("from another process");
		assertThat(this.fx.tables()).contains("stays");
	}

	@Test
	void aFailedIntegrityCheckAfterTheRunDoesNotRestoreOverAWriter() throws Exception {
		// rows that break a CHECK constraint slipped in with the checks off: the full check finds them after the run
		this.fx.write("003_stays.sql", """
				CREATE TABLE stays (points INTEGER CHECK (points >= 0));
				PRAGMA ignore_check_constraints = ON;
				INSERT INTO stays VALUES (-5);
				PRAGMA ignore_check_constraints = OFF;
				""");
		Path db = ((SqliteFixture) this.fx).db;
		MigrationListener otherProcess = new MigrationListener() {
			@Override
			public void migrationApplied(MigrationRun run, boolean dryRun) {
				if (run.version().toString().equals("003")) {
					insertFromAnotherProcess(db, 2000);
				}
			}
		};

		assertThatThrownBy(
				() -> this.fx.configure().integrityCheck(IntegrityCheck.FULL).listeners(otherProcess).load().migrate())
			.isInstanceOf(MigratorException.class)
			.hasMessageContaining("integrity check failed after the run")
			.hasMessageContaining("was NOT restored automatically");

		assertThat(this.fx.query("SELECT item FROM orders WHERE id = 2000")).containsExactly("from another process");
		assertThat(this.fx.tables()).contains("notes", "stays");
	}

	/** Runs a child JVM that inserts one order, and waits until it has committed and exited. */
	static void insertFromAnotherProcess(Path db, int id) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		try {
			Process child = new ProcessBuilder(List.of(java, "-cp", classPath, SqliteInsertChild.class.getName(),
					db.toString(), String.valueOf(id)))
				.inheritIO()
				.start();
			if (!child.waitFor(2, TimeUnit.MINUTES) || child.exitValue() != 0) {
				throw new IllegalStateException("the other process did not insert its row");
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
