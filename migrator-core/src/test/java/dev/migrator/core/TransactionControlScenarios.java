package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationContext;
import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigrationInfo;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.api.ValidationException;
import dev.migrator.core.internal.resolve.Checksums;

/**
 * Transaction control written in a migration: an outer BEGIN ... COMMIT becomes the migration's
 * transaction, anything else is refused before the run, and a migration that ends its transaction
 * anyway is caught before the commit and recorded as failed.
 */
abstract class TransactionControlScenarios {

	@TempDir
	Path dir;

	DatabaseFixture fx;

	abstract DatabaseFixture fixture(Path dir) throws Exception;

	/** Whether the engine can tell that a migration ended its transaction (not MySQL/MariaDB, where DDL commits anyway). */
	boolean seesEndedTransactions() {
		return true;
	}

	/**
	 * Two statements this engine refuses inside a transaction, or null where it has none that
	 * Migrator looks for (MySQL/MariaDB commit DDL anyway).
	 */
	String[] outsideOnlyStatements() {
		return null;
	}

	/** Whether dry runs are possible here. */
	boolean dryRuns() {
		return true;
	}

	@BeforeEach
	void setUp() throws Exception {
		this.fx = fixture(this.dir);
		this.fx.write("001_base.sql", "CREATE TABLE base (x INT);\nINSERT INTO base VALUES (1);\n");
	}

	static final String WRAPPED = """
			-- the whole change at once
			begin;
			CREATE TABLE a (x INT);
			INSERT INTO a VALUES (1);
			/* done */ COMMIT
			;
			""";

	@Test
	void anOuterBeginCommitBecomesTheMigrationsTransactionAndInfoSaysSo() throws Exception {
		this.fx.write("002_wrapped.sql", WRAPPED);

		RunResult result = this.fx.migrator().migrate();

		assertThat(result.migrations()).extracting((r) -> r.version().toString()).containsExactly("001", "002");
		assertThat(this.fx.query("SELECT x FROM a")).containsExactly("1");
		MigrationInfo wrapped = this.fx.migrator().info().migrations().stream()
			.filter((m) -> m.version().toString().equals("002")).findFirst().orElseThrow();
		assertThat(wrapped.note()).contains("begin (line 2)").contains("COMMIT (line 5)")
			.contains("migration's own transaction");
		assertThat(wrapped.checksum()).isEqualTo(Checksums.sha256(WRAPPED));
		assertThat(this.fx.migrator().info().migrations()).filteredOn((m) -> m.version().toString().equals("001"))
			.extracting(MigrationInfo::note).containsOnlyNulls();
	}

	@Test
	void aWrappedScriptThatFailsLeavesNothingBehind() throws Exception {
		assumeTrue(this.fx.transactionalDdl(), "DDL commits on its own here");
		this.fx.migrator().migrate();
		this.fx.write("002_wrapped.sql", "BEGIN;\nCREATE TABLE a (x INT);\nINSERT INTO nowhere VALUES (1);\nCOMMIT;\n");

		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("002_wrapped.sql:3");

		assertThat(this.fx.tables()).doesNotContain("a");
	}

	@Test
	void aCommitInTheMiddleIsRefusedBeforeAnythingRunsWithEveryLineOfEveryFile() throws Exception {
		this.fx.migrator().migrate();
		this.fx.write("002_half.sql", """
				BEGIN;
				CREATE TABLE a (x INT);
				COMMIT;
				CREATE TABLE b (x INT);
				INSERT INTO nowhere VALUES (1);
				""")
			.write("003_rollback.sql", "CREATE TABLE c (x INT);\n  rollback\n;\nINSERT INTO 'ROLLBACK' VALUES (1);\n")
			.write("004_two.sql", "START TRANSACTION;\nCREATE TABLE d (x INT);\nCOMMIT;\nSTART TRANSACTION;\n"
					+ "CREATE TABLE e (x INT);\nCOMMIT;\n");
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOfSatisfying(ValidationException.class, (ex) -> {
			assertThat(String.join("\n", ex.problems()))
				.contains("002_half.sql:1 (BEGIN)", "002_half.sql:3 (COMMIT)", "003_rollback.sql:2 (rollback)")
				.contains("Split the file into one migration per transaction", "-- migrator:no-transaction");
			assertThat(String.join("\n", ex.problems())).doesNotContain("003_rollback.sql:4");
			assertThat(String.join("\n", ex.problems())).contains("004_two.sql:1", "004_two.sql:3", "004_two.sql:4",
					"004_two.sql:6");
		});

		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void aVerifyScriptMayNotCommit() throws Exception {
		this.fx.write("002_check.sql", "CREATE TABLE a (x INT);\n-- migrate:verify\nCOMMIT;\nSELECT 1;\n");

		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("002_check.sql:3 (COMMIT)").hasMessageContaining("verify script");
		assertThat(this.fx.tables()).doesNotContain("base", "a");
	}

	@Test
	void aNoTransactionMigrationRunsItsOwnBeginAndCommit() throws Exception {
		this.fx.write("002_own.sql", """
				-- migrator:no-transaction
				BEGIN;
				CREATE TABLE a (x INT);
				INSERT INTO a VALUES (1);
				COMMIT;
				INSERT INTO a VALUES (2);
				""");

		this.fx.migrator().migrate();

		assertThat(this.fx.query("SELECT x FROM a ORDER BY x")).containsExactly("1", "2");
		assertThat(this.fx.query("SELECT version, status FROM schema_migrations ORDER BY version"))
			.containsExactly("001|applied", "002|applied");
	}

	@Test
	void aDryRunIsRefusedUpFrontAndChangesNothing() throws Exception {
		assumeTrue(dryRuns(), "no dry runs here");
		this.fx.migrator().migrate();
		this.fx.write("002_half.sql", "BEGIN;\nCREATE TABLE a (x INT);\nCOMMIT;\nCREATE TABLE b (x INT);\n");
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.migrator().migrate(RunOptions.dryRunOnly()))
			.isInstanceOf(ValidationException.class).hasMessageContaining("002_half.sql:3 (COMMIT)");

		assertThat(this.fx.dump()).isEqualTo(before);
		assertThat(this.fx.tables()).doesNotContain("a", "b");
	}

	@Test
	void aNulByteIsReportedWhenTheFileIsRead() throws Exception {
		this.fx.migrator().migrate();
		this.fx.write("002_binary.sql", "CREATE TABLE a (x INT);\nINSERT INTO a VALUES (1);\u0000\nSELECT 1;\n");
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("002_binary.sql:2: holds a NUL byte");

		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void aMigrationOfOnlyStatementsThatCannotRunInATransactionRunsWithoutOneAndInfoSaysSo() throws Exception {
		String[] outside = outsideOnlyStatements();
		assumeTrue(outside != null, "no such statements here");
		this.fx.write("002_outside.sql", "-- no directive needed\n" + outside[0] + ";\n" + outside[1] + ";\n");

		this.fx.migrator().migrate();

		assertThat(this.fx.query("SELECT version, status FROM schema_migrations ORDER BY version"))
			.containsExactly("001|applied", "002|applied");
		MigrationInfo info = this.fx.migrator().info().migrations().stream()
			.filter((m) -> m.version().toString().equals("002")).findFirst().orElseThrow();
		assertThat(info.note()).startsWith("runs without a transaction: ").contains("(line 2)");
	}

	@Test
	void aMigrationMixingThemWithOtherStatementsIsRefusedWithEveryLine() throws Exception {
		String[] outside = outsideOnlyStatements();
		assumeTrue(outside != null, "no such statements here");
		this.fx.migrator().migrate();
		this.fx.write("002_mixed.sql", outside[0] + ";\nCREATE TABLE a (x INT);\n" + outside[1] + ";\n")
			.write("003_mixed_too.sql", "INSERT INTO base VALUES (2);\n" + outside[0].replace("base_x", "base_x2") + ";\n");
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOfSatisfying(ValidationException.class,
				(ex) -> assertThat(String.join("\n", ex.problems()))
					.contains("002_mixed.sql:1 (", "002_mixed.sql:3 (", "003_mixed_too.sql:2 (")
					.contains("cannot run inside a transaction").contains("Move them into a migration of their own"));

		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void aDryRunInOneTransactionRefusesThemUpFront() throws Exception {
		String[] outside = outsideOnlyStatements();
		assumeTrue(outside != null && this.fx.engine().equals("PostgreSQL"), "dry runs in one transaction only");
		this.fx.migrator().migrate();
		this.fx.write("002_outside.sql", outside[0] + ";\n");
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.migrator().migrate(RunOptions.dryRunOnly()))
			.isInstanceOf(ValidationException.class).hasMessageContaining("002_outside.sql holds only statements");

		assertThat(this.fx.dump()).isEqualTo(before);
	}

	/** Runs a raw COMMIT through a statement of the migration's connection, past the connection's guard. */
	static final class CommitsThroughAStatement implements JavaMigration {

		@Override
		public String version() {
			return "2";
		}

		@Override
		public String description() {
			return "commits through a statement";
		}

		@Override
		public void up(MigrationContext context) throws Exception {
			try (Statement statement = context.connection().createStatement()) {
				statement.execute("CREATE TABLE j1 (x INT)");
				statement.execute("COMMIT");
				statement.execute("CREATE TABLE j2 (x INT)");
			}
		}

	}

	/** Commits through the statement's own connection, which is the driver's, not the guarded one. */
	static final class CommitsThroughTheStatementsConnection implements JavaMigration {

		@Override
		public String version() {
			return "2";
		}

		@Override
		public String description() {
			return "commits through the statement's connection";
		}

		@Override
		public void up(MigrationContext context) throws Exception {
			try (Statement statement = context.connection().createStatement()) {
				statement.execute("CREATE TABLE j1 (x INT)");
				statement.getConnection().commit();
				statement.execute("CREATE TABLE j2 (x INT)");
			}
		}

	}

	@Test
	void aJavaMigrationThatCommitsThroughAStatementIsCaughtAndRecordedFailed() throws Exception {
		javaMigrationThatCommitsIsCaught(new CommitsThroughAStatement());
	}

	@Test
	void aJavaMigrationThatCommitsThroughTheStatementsConnectionIsRefusedAndLeavesNothing() throws Exception {
		assumeTrue(this.fx.transactionalDdl(), "DDL commits on its own here");
		this.fx.migrator().migrate();

		assertThatThrownBy(() -> this.fx.configure().javaMigrations(new CommitsThroughTheStatementsConnection()).load()
			.migrate()).isInstanceOfSatisfying(MigrationFailedException.class, (ex) -> assertThat(ex.getMessage())
				.contains("called commit() on the migration's connection").contains("Nothing of it was applied"));

		assertThat(this.fx.tables()).doesNotContain("j1", "j2");
	}

	private void javaMigrationThatCommitsIsCaught(JavaMigration migration) throws Exception {
		assumeTrue(seesEndedTransactions(), "DDL commits on its own here; its savepoints tell what was committed");
		// applied first in a run of its own, so the failing run's backup holds the history
		this.fx.migrator().migrate();
		// SQLite restores the run's backup (nothing else wrote): nothing of it stays, so nothing blocks;
		// PostgreSQL has no automatic restore: what it committed stays, recorded failed
		boolean restored = this.fx.engine().equals("SQLite");

		assertThatThrownBy(() -> this.fx.configure().javaMigrations(migration).load().migrate())
			.isInstanceOfSatisfying(MigrationFailedException.class, (ex) -> {
				assertThat(ex.getMessage()).contains("ended the transaction the engine had opened for it")
					.contains("what it did before that was committed")
					.doesNotContain("Nothing of it was applied");
				assertThat(ex.getMessage().contains("The database was restored from backup")).isEqualTo(restored);
				assertThat(ex.recorded()).isEqualTo(!restored);
			});

		assertThat(this.fx.query("SELECT version, status FROM schema_migrations ORDER BY version"))
			.containsExactlyElementsOf(restored ? List.of("001|applied") : List.of("001|applied", "2|failed"));
		if (restored) {
			assertThat(this.fx.tables()).doesNotContain("j1", "j2");
		}
		else {
			// the part before the COMMIT stayed, the part after was rolled back
			assertThat(this.fx.tables()).contains("j1").doesNotContain("j2");
		}
	}

	@Test
	void aDryRunOfAJavaMigrationThatCommitsRecordsNothingAsApplied() throws Exception {
		assumeTrue(dryRuns() && seesEndedTransactions(), "no dry runs here");
		this.fx.migrator().migrate();

		RunResult result = this.fx.configure().javaMigrations(new CommitsThroughAStatement()).load()
			.migrate(RunOptions.dryRunOnly());

		assertThat(result.failure()).isNotNull();
		assertThat(result.failure().message()).contains("ended the dry run's transaction")
			.doesNotContain("the database was not changed.");
		assertThat(result.migrations()).isEmpty();
		assertThat(this.fx.query("SELECT version, status FROM schema_migrations ORDER BY version"))
			.containsExactly("001|applied");
	}

}
