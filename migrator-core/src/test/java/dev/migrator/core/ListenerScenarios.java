package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigrationFailure;
import dev.migrator.core.api.MigrationListener;
import dev.migrator.core.api.MigrationRun;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.api.TransactionMode;

/** What listeners hear, on every engine. */
abstract class ListenerScenarios {

	@TempDir
	Path dir;

	DatabaseFixture fx;

	/** The engine's fixture on a fresh database in {@code dir}. */
	abstract DatabaseFixture fixture(Path dir) throws Exception;

	final List<String> heard = new ArrayList<>();

	final MigrationListener recorder = new MigrationListener() {

		@Override
		public void runStarted(String command, boolean dryRun) {
			ListenerScenarios.this.heard.add("started " + command);
		}

		@Override
		public void migrationApplied(MigrationRun run, boolean dryRun) {
			ListenerScenarios.this.heard.add("applied " + run.version());
		}

		@Override
		public void migrationRolledBack(MigrationRun run, boolean dryRun) {
			ListenerScenarios.this.heard.add("rolled back " + run.version());
		}

		@Override
		public void migrationFailed(MigrationFailure failure, boolean dryRun) {
			ListenerScenarios.this.heard.add("failed " + failure.version() + " at line " + failure.line());
		}

		@Override
		public void runFinished(String command, RunResult result, Throwable failure) {
			ListenerScenarios.this.heard.add("finished " + command + (failure == null ? " ok" : " with " + failure.getClass().getSimpleName()));
		}

	};

	final MigrationListener broken = new MigrationListener() {

		@Override
		public void migrationApplied(MigrationRun run, boolean dryRun) {
			throw new IllegalStateException("listener bug");
		}

	};

	@BeforeEach
	void setUp() throws Exception {
		this.fx = fixture(this.dir);
		this.fx.write("1_a.sql", "CREATE TABLE a (id INTEGER);\n-- migrate:down\nDROP TABLE a;")
			.write("2_b.sql", "CREATE TABLE b (id INTEGER);\n-- migrate:down\nDROP TABLE b;");
	}

	@Test
	void listenersHearEachMigrationAndABrokenOneDoesNotFailTheRun() {
		Migrator migrator = this.fx.configure().listeners(this.broken, this.recorder).load();

		migrator.migrate();
		migrator.rollback(2);

		assertThat(this.heard).containsExactly("started migrate", "applied 1", "applied 2", "finished migrate ok",
				"started rollback", "rolled back 2", "rolled back 1", "finished rollback ok");
	}

	@Test
	void listenersHearFailures() throws Exception {
		this.fx.write("2_b.sql", "CREATE TABLE b (id INTEGER);\nSELEC 1;");

		assertThatThrownBy(() -> this.fx.configure().listeners(this.recorder).load().migrate());

		assertThat(this.heard).containsExactly("started migrate", "applied 1", "failed 2 at line 2",
				"finished migrate with MigrationFailedException");
	}

	@Test
	void inTransactionModeAllMigrationsAreAnnouncedAfterTheCommit() {
		this.fx.configure().transactionMode(TransactionMode.ALL).listeners(this.recorder).load().migrate();

		assertThat(this.heard).containsExactly("started migrate", "applied 1", "applied 2", "finished migrate ok");
	}

	@Test
	void validationFailuresFinishTheRunToo() throws Exception {
		this.fx.write("3_.sql", "SELECT 1;");

		assertThatThrownBy(() -> this.fx.configure().listeners(this.recorder).load().rollback(1));

		assertThat(this.heard).containsExactly("started rollback", "finished rollback with ValidationException");
	}

}
