package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.Dashboard;
import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigrationInfo;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.api.TransactionMode;
import dev.migrator.core.api.ValidationException;

/**
 * {@code -- migrator:requires}: checked in validation, before a migrate and before a rollback;
 * {@code -- migrator:precondition}: evaluated in the migration's transaction before it runs.
 */
abstract class PrerequisitesScenarios {

	@TempDir
	Path dir;

	DatabaseFixture fx;

	abstract DatabaseFixture fixture(Path dir) throws Exception;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = fixture(this.dir);
		this.fx.write("001_a.sql", "CREATE TABLE a (id INTEGER);\n-- migrate:down\nDROP TABLE a;");
	}

	@Test
	void requiredVersionAppliedEarlierInTheSameRunIsMet() throws Exception {
		this.fx.write("002_b.sql", "-- migrator:requires 001\nCREATE TABLE b (id INTEGER);");

		RunResult result = this.fx.migrator().migrate();

		assertThat(result.migrations()).extracting((r) -> r.version().toString()).containsExactly("001", "002");
		assertThat(this.fx.tables()).contains("a", "b");
	}

	@Test
	void requiringAVersionThatIsNotInTheCodeIsRefusedByValidationWithFileAndLine() throws Exception {
		this.fx.write("002_b.sql", "-- adds b\n-- migrator:requires 001, 009\nCREATE TABLE b (id INTEGER);");

		assertThatThrownBy(() -> this.fx.migrator().validate()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("002_b.sql:2: -- migrator:requires 009 names no migration in the code")
			.hasMessageNotContaining("requires 001 names");
		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(ValidationException.class);
		assertThat(this.fx.tables()).doesNotContain("a", "b");
	}

	@Test
	void requiringItselfOrNoVersionOrNotAVersionIsRefused() throws Exception {
		this.fx.write("002_b.sql", "-- migrator:requires 2\nCREATE TABLE b (id INTEGER);")
			.write("003_c.sql", "-- migrator:requires\nCREATE TABLE c (id INTEGER);")
			.write("004_d.sql", "-- migrator:requires 001; DROP TABLE a\nCREATE TABLE d (id INTEGER);");

		assertThatThrownBy(() -> this.fx.migrator().validate()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("002_b.sql:1: -- migrator:requires 2 names this migration itself")
			.hasMessageContaining("003_c.sql:1: directive migrator:requires needs the versions it requires")
			.hasMessageContaining("004_d.sql:1: directive migrator:requires names '001;', which is not a version");
	}

	@Test
	void requiresInADownSectionIsRefused() throws Exception {
		this.fx.write("002_b.sql", "CREATE TABLE b (id INTEGER);\n-- migrate:down\n-- migrator:requires 001\nDROP TABLE b;");

		assertThatThrownBy(() -> this.fx.migrator().validate()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("002_b.sql:3: directive migrator:requires applies to the whole migration");
	}

	@Test
	void migrateRefusesBeforeApplyingAnythingWhenTheRequiredVersionWouldApplyAfter() throws Exception {
		this.fx.write("002_b.sql", "-- migrator:requires 003\nCREATE TABLE b (id INTEGER);")
			.write("003_c.sql", "CREATE TABLE c (id INTEGER);");

		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("002_b.sql:1: requires 003 (")
			.hasMessageContaining("003_c.sql), which applies after it in version order");
		// 001 needs nothing and comes first, and still did not apply: the run was refused as a whole
		assertThat(this.fx.tables()).doesNotContain("a", "b", "c");
	}

	@Test
	void aTargetBelowTheRequiredVersionIsRefusedToo() throws Exception {
		this.fx.write("002_b.sql", "-- migrator:requires 003\nCREATE TABLE b (id INTEGER);")
			.write("003_c.sql", "CREATE TABLE c (id INTEGER);");

		assertThatThrownBy(() -> this.fx.migrator().migrate("002")).isInstanceOf(ValidationException.class)
			.hasMessageContaining("002_b.sql:1: requires 003 (");
		assertThat(this.fx.tables()).doesNotContain("a", "b", "c");
	}

	@Test
	void outOfOrderMigrationMayRequireALaterAppliedOneAndThatOneCannotBeRolledBackAlone() throws Exception {
		this.fx.write("003_c.sql", "CREATE TABLE c (id INTEGER);\n-- migrate:down\nDROP TABLE c;");
		this.fx.migrator().migrate();
		this.fx.write("002_b.sql", "-- migrator:requires 003\nCREATE TABLE b (id INTEGER);\n-- migrate:down\nDROP TABLE b;");

		RunResult outOfOrder = this.fx.configure().outOfOrder(true).load().migrate();
		assertThat(outOfOrder.migrations()).extracting((r) -> r.version().toString()).containsExactly("002");

		// rollback(1) takes the newest version, 003, and would leave 002 applied without it
		assertThatThrownBy(() -> this.fx.migrator().rollback(1)).isInstanceOf(ValidationException.class)
			.hasMessageContaining("Cannot roll back 003 (")
			.hasMessageContaining("002_b.sql:1 requires it, and ")
			.hasMessageContaining("rollbackTo(001)");
		assertThat(this.fx.tables()).contains("a", "b", "c");

		// both in one rollback, the dependent first
		RunResult both = this.fx.migrator().rollbackTo("001");
		assertThat(both.migrations()).extracting((r) -> r.version().toString()).containsExactly("003", "002");
		assertThat(this.fx.tables()).contains("a").doesNotContain("b", "c");
	}

	@Test
	void rollingBackTheDependentAloneIsFine() throws Exception {
		this.fx.write("002_b.sql", "-- migrator:requires 001\nCREATE TABLE b (id INTEGER);\n-- migrate:down\nDROP TABLE b;");
		this.fx.migrator().migrate();

		this.fx.migrator().rollback(1);

		assertThat(this.fx.tables()).contains("a").doesNotContain("b");
	}

	@Test
	void infoNotesTheRequirementsAfterAnyOtherNote() throws Exception {
		this.fx.write("002_b.sql", "-- migrator:requires 001\nCREATE TABLE b (id INTEGER);");

		this.fx.migrator().migrate("001");

		MigrationInfo b = this.fx.migrator().info().migrations().get(1);

		assertThat(b.note()).isEqualTo("requires 001");
		assertThat(this.fx.migrator().info().migrations().get(0).note()).isNull();
	}

	/** A legacy table with one row: a precondition "no legacy users" is false. */
	private void legacyUsers() throws Exception {
		this.fx.write("001_a.sql", "CREATE TABLE legacy_users (id INTEGER);\nINSERT INTO legacy_users VALUES (1);");
	}

	@Test
	void truePreconditionLetsTheMigrationRun() throws Exception {
		legacyUsers();
		this.fx.write("002_b.sql", "-- migrator:precondition SELECT count(*) = 1 FROM legacy_users;\nCREATE TABLE b (id INTEGER);");

		this.fx.migrator().migrate();

		assertThat(this.fx.tables()).contains("b");
	}

	@Test
	void falsePreconditionRefusesTheMigrationWithFileLineAndQueryAndAppliesNothingOfIt() throws Exception {
		legacyUsers();
		this.fx.write("002_b.sql", "-- adds b\n-- migrator:precondition on-fail=refuse SELECT count(*) = 0 FROM legacy_users\n"
				+ "CREATE TABLE b (id INTEGER);");

		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("002_b.sql:2: precondition SELECT count(*) = 0 FROM legacy_users was false")
			.hasMessageContaining("on-fail=skip");

		assertThat(this.fx.tables()).contains("legacy_users").doesNotContain("b");
		assertThat(this.fx.query("SELECT version FROM schema_migrations WHERE status = 'applied' ORDER BY version"))
			.containsExactly("001");
	}

	@Test
	void falsePreconditionMarkedSkipRecordsTheMigrationAppliedWithoutRunningIt() throws Exception {
		legacyUsers();
		this.fx.write("002_b.sql", "-- migrator:precondition on-fail=skip SELECT count(*) = 0 FROM legacy_users\n"
				+ "CREATE TABLE b (id INTEGER);");

		this.fx.migrator().migrate();

		assertThat(this.fx.tables()).doesNotContain("b");
		assertThat(this.fx.query("SELECT version FROM schema_migrations WHERE status = 'applied' ORDER BY version"))
			.containsExactly("001", "002");
		assertThat(this.fx.query("SELECT description FROM schema_migrations_log WHERE version = '002'"))
			.singleElement()
			.asString()
			.startsWith("b (skipped: precondition SELECT count(*) = 0 FROM legacy_users was false (it returned ");
		// the history keeps the code's description, so nothing disagrees afterwards
		assertThat(this.fx.migrator().info().problems()).isEmpty();
		assertThat(this.fx.migrator().info().warnings()).isEmpty();
	}

	@Test
	void falsePreconditionInTransactionModeAllRollsBackTheWholeRun() throws Exception {
		legacyUsers();
		this.fx.write("002_b.sql", "-- migrator:precondition SELECT count(*) = 0 FROM legacy_users\nCREATE TABLE b (id INTEGER);");

		assertThatThrownBy(() -> this.fx.configure().transactionMode(TransactionMode.ALL).load().migrate())
			.isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("002_b.sql:1: precondition SELECT count(*) = 0 FROM legacy_users was false");
		assertThat(this.fx.tables()).doesNotContain("legacy_users", "b");
	}

	@Test
	void aPreconditionThatFailsToRunNamesItsLine() throws Exception {
		this.fx.write("002_b.sql", "-- migrator:precondition on-fail=skip SELECT count(*) = 0 FROM no_such_table\n"
				+ "CREATE TABLE b (id INTEGER);");

		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("002_b.sql:1: precondition SELECT count(*) = 0 FROM no_such_table failed: ");
		assertThat(this.fx.tables()).contains("a").doesNotContain("b");
	}

	@Test
	void dryRunEvaluatesPreconditionsAndChangesNothing() throws Exception {
		legacyUsers();
		this.fx.migrator().migrate();
		this.fx.write("002_b.sql", "-- migrator:precondition SELECT count(*) = 0 FROM legacy_users\nCREATE TABLE b (id INTEGER);");

		RunResult dry = this.fx.migrator().migrate(RunOptions.dryRunOnly());

		assertThat(dry.dryRun()).isTrue();
		assertThat(dry.failure()).isNotNull();
		assertThat(dry.failure().toString())
			.contains("002_b.sql:1: precondition SELECT count(*) = 0 FROM legacy_users was false");
		assertThat(this.fx.query("SELECT version FROM schema_migrations WHERE status = 'applied' ORDER BY version"))
			.containsExactly("001");
	}

	@Test
	void mistypedOnFailOrMissingQueryIsRefusedByValidation() throws Exception {
		this.fx.write("002_b.sql", "-- migrator:precondition on-fail=skp SELECT 1\nCREATE TABLE b (id INTEGER);")
			.write("003_c.sql", "-- migrator:precondition on-fail=skip\nCREATE TABLE c (id INTEGER);");

		assertThatThrownBy(() -> this.fx.migrator().validate()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("002_b.sql:1: directive migrator:precondition has on-fail=skp; write on-fail=refuse")
			.hasMessageContaining("003_c.sql:1: directive migrator:precondition needs a query");
	}

	@Test
	void infoShowsThePrecondition() throws Exception {
		this.fx.write("002_b.sql", "-- migrator:requires 001\n-- migrator:precondition on-fail=skip SELECT 1\n"
				+ "CREATE TABLE b (id INTEGER);");
		this.fx.migrator().migrate("001");

		assertThat(this.fx.migrator().info().migrations().get(1).note())
			.isEqualTo("requires 001; precondition (on-fail=skip): SELECT 1");
	}


	/** 002 skipped by its precondition; its down would drop the legacy table, with its row, if it ran. */
	private void skippedMigrationWhoseDownWouldDropLegacyUsers() throws Exception {
		legacyUsers();
		this.fx.write("002_b.sql", "-- migrator:precondition on-fail=skip SELECT count(*) = 0 FROM legacy_users\n"
				+ "CREATE TABLE b (id INTEGER);\n-- migrate:down\nDROP TABLE legacy_users;");
		this.fx.migrator().migrate();
	}

	@Test
	void rollbackOfASkippedMigrationDoesNotRunItsDownAndSaysSo() throws Exception {
		skippedMigrationWhoseDownWouldDropLegacyUsers();

		// no allowDataLoss: the down that drops a table holding a row is not run, so nothing is refused
		RunResult rollback = this.fx.migrator().rollback(1);

		assertThat(rollback.migrations()).extracting((r) -> r.version().toString()).containsExactly("002");
		assertThat(rollback.dataLoss()).singleElement().satisfies((loss) -> {
			assertThat(loss.losesData()).isFalse();
			assertThat(loss.describe(MigrationVersion.parse("001"))).startsWith("v002 -> v001: its down is not run:"
					+ " the migration was skipped when applied (precondition SELECT count(*) = 0 FROM legacy_users"
					+ " was false (it returned ");
		});
		assertThat(this.fx.query("SELECT count(*) FROM legacy_users")).containsExactly("1");
		assertThat(this.fx.query("SELECT status FROM schema_migrations WHERE version = '002'")).containsExactly("rolled_back");
		assertThat(this.fx.migrator().info().currentVersion().toString()).isEqualTo("001");
	}

	@Test
	void infoAndTheDashboardsRollbackPlanSayASkippedMigrationsDownIsNotRun() throws Exception {
		skippedMigrationWhoseDownWouldDropLegacyUsers();

		MigrationInfo b = this.fx.migrator().info().migrations().get(1);
		assertThat(b.note()).startsWith("skipped when applied: precondition SELECT count(*) = 0 FROM legacy_users was false")
			.endsWith("; precondition (on-fail=skip): SELECT count(*) = 0 FROM legacy_users");
		assertThat(b.rollbackAvailable()).isTrue();
		assertThat(b.dataLoss().losesData()).isFalse();

		Dashboard.RollbackStep first = this.fx.migrator().dashboard().rollbackPlan().get(0);
		assertThat(first.version().toString()).isEqualTo("002");
		assertThat(first.dataLoss().effects()).singleElement()
			.asString()
			.startsWith("its down is not run: the migration was skipped when applied (precondition");
	}

	@Test
	void aSkippedMigrationNeedsNoDownToBeRolledBackAndIsEvaluatedAgainOnTheNextMigrate() throws Exception {
		legacyUsers();
		this.fx.write("002_b.sql", "-- migrator:precondition on-fail=skip SELECT count(*) = 0 FROM legacy_users\n"
				+ "CREATE TABLE b (id INTEGER);");
		this.fx.migrator().migrate();

		this.fx.migrator().rollback(1);
		this.fx.execute("DELETE FROM legacy_users");
		RunResult again = this.fx.migrator().migrate();

		// the precondition holds now: 002 ran for real this time
		assertThat(again.migrations()).extracting((r) -> r.version().toString()).containsExactly("002");
		assertThat(this.fx.tables()).contains("b");
		assertThat(this.fx.migrator().info().migrations().get(1).note()).doesNotContain("skipped");
	}

	@Test
	void aMigrationSkippedOnceAndAppliedForRealLaterHasItsDownRun() throws Exception {
		legacyUsers();
		this.fx.write("002_b.sql", "-- migrator:precondition on-fail=skip SELECT count(*) = 0 FROM legacy_users\n"
				+ "CREATE TABLE b (id INTEGER);\n-- migrate:down\nDROP TABLE b;");
		this.fx.migrator().migrate();
		this.fx.migrator().rollback(1);
		this.fx.execute("DELETE FROM legacy_users");
		this.fx.migrator().migrate();
		assertThat(this.fx.tables()).contains("b");

		RunResult rollback = this.fx.migrator().rollback(1);

		// the latest apply ran, so its down runs: the earlier skip does not count any more
		assertThat(rollback.dataLoss()).singleElement()
			.satisfies((loss) -> assertThat(loss.describe(MigrationVersion.parse("001"))).doesNotContain("skipped"));
		assertThat(this.fx.tables()).contains("legacy_users").doesNotContain("b");
	}

	@Test
	void aMigrationWithoutASkipStillNeedsItsDown() throws Exception {
		this.fx.write("002_b.sql", "-- migrator:precondition on-fail=skip SELECT 1\nCREATE TABLE b (id INTEGER);");
		this.fx.migrator().migrate();

		assertThatThrownBy(() -> this.fx.migrator().rollback(1)).isInstanceOf(ValidationException.class)
			.hasMessageContaining("002_b.sql) has no down migration");
		assertThat(this.fx.tables()).contains("a", "b");
	}

}
