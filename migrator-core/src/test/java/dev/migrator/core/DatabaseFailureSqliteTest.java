package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RestoreResult;
import dev.migrator.core.testing.FailingDataSource;

/**
 * When the database fails a call in the middle of a command (a full disk, a dropped connection, a
 * commit that does not go through), the operator is told which command failed, with the database's
 * own words and what to do; the history is as it was; and the lock is released, so the same command
 * succeeds once the database is healthy again. On a real SQLite file, whose connections fail one
 * chosen JDBC call.
 */
class DatabaseFailureSqliteTest {

	@TempDir
	Path dir;

	private SqliteFixture fx;

	private FailingDataSource db;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SqliteFixture(this.dir);
		this.fx.write("001_a.sql", "CREATE TABLE a (id INTEGER);");
		this.db = new FailingDataSource(this.fx.url());
	}

	private Migrator migrator() {
		return Migrator.configure().dataSource(this.db).locations("filesystem:" + this.fx.migrations).load();
	}

	/** Migration 002 failed half-way outside a transaction: its row says failed. */
	private void failedMigration() throws Exception {
		this.fx.write("002_b.sql", "-- migrator:no-transaction\nCREATE TABLE b (id INTEGER);\nINSERT INTO no_such VALUES (1);");
		assertThatThrownBy(() -> this.fx.configure().backupEnabled(false).load().migrate())
			.isInstanceOf(MigrationFailedException.class);
		assertThat(status("002")).containsExactly("failed");
	}

	private List<String> status(String version) throws Exception {
		return this.fx.query("SELECT status FROM schema_migrations WHERE version = '" + version + "'");
	}

	@Test
	void repairThatCannotDeleteTheFailedRowSaysSoAndCanBeRunAgain() throws Exception {
		this.fx.migrator().migrate();
		failedMigration();
		List<String> before = this.fx.dump();

		this.db.failOn("executeUpdate", "DELETE FROM main.schema_migrations ");
		assertThatThrownBy(() -> migrator().repair()).isInstanceOf(MigratorException.class)
			.hasMessage("repair could not complete: the database reported: " + FailingDataSource.MESSAGE
					+ "; check that the database is reachable and writable, then run repair again");
		assertThat(this.fx.dump()).isEqualTo(before);

		this.db.heal();
		assertThat(migrator().repair().removedFailed()).extracting(Object::toString).containsExactly("002");
		assertThat(status("002")).isEmpty();
	}

	@Test
	void repairWhoseCommitFailsChangesNothing() throws Exception {
		this.fx.migrator().migrate();
		failedMigration();
		List<String> before = this.fx.dump();

		this.db.failOn("commit", null);
		assertThatThrownBy(() -> migrator().repair()).isInstanceOf(MigratorException.class)
			.hasMessageStartingWith("repair failed: ")
			.hasMessageContaining("the commit failed: " + FailingDataSource.MESSAGE);
		assertThat(this.fx.dump()).isEqualTo(before);

		this.db.heal();
		assertThat(migrator().repair().removedFailed()).hasSize(1);
	}

	@Test
	void markAppliedThatCannotWriteOrCommitLeavesTheMigrationFailed() throws Exception {
		this.fx.migrator().migrate();
		failedMigration();
		List<String> before = this.fx.dump();

		this.db.failOn("executeUpdate", "UPDATE main.schema_migrations SET");
		assertThatThrownBy(() -> migrator().markApplied("002")).isInstanceOf(MigratorException.class)
			.hasMessageStartingWith("repair could not complete: the database reported: " + FailingDataSource.MESSAGE);
		assertThat(this.fx.dump()).isEqualTo(before);

		this.db.failOn("commit", null);
		assertThatThrownBy(() -> migrator().markApplied("002")).isInstanceOf(MigratorException.class)
			.hasMessageStartingWith("repair failed: ")
			.hasMessageContaining("the commit failed: " + FailingDataSource.MESSAGE);
		assertThat(this.fx.dump()).isEqualTo(before);

		this.db.heal();
		migrator().markApplied("002");
		assertThat(status("002")).containsExactly("applied");
	}

	@Test
	void baselineThatCannotWriteOrCommitLeavesNoBaseline() throws Exception {
		this.db.failOn("executeUpdate", "INSERT INTO main.schema_migrations (");
		assertThatThrownBy(() -> migrator().baseline("5", "legacy")).isInstanceOf(MigratorException.class)
			.hasMessageStartingWith("baseline could not complete: the database reported: " + FailingDataSource.MESSAGE);
		assertThat(this.fx.query("SELECT count(*) FROM schema_migrations")).containsExactly("0");

		this.db.failOn("commit", null);
		assertThatThrownBy(() -> migrator().baseline("5", "legacy")).isInstanceOf(MigratorException.class)
			.hasMessageStartingWith("baseline failed: ")
			.hasMessageContaining("the commit failed: " + FailingDataSource.MESSAGE);
		assertThat(this.fx.query("SELECT count(*) FROM schema_migrations")).containsExactly("0");

		this.db.heal();
		migrator().baseline("5", "legacy");
		assertThat(this.fx.query("SELECT version, type FROM schema_migrations")).containsExactly("5|baseline");
	}

	@Test
	void aMigrationWhoseCommitFailsIsReportedAsNotCommittedAndLeavesNothing() throws Exception {
		this.db.failOn("commit", null);
		assertThatThrownBy(() -> migrator().migrate()).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("001_a.sql")
			.hasMessageContaining("the commit failed: " + FailingDataSource.MESSAGE);
		assertThat(this.fx.tables()).doesNotContain("a");

		this.db.heal();
		assertThat(migrator().migrate().migrations()).hasSize(1);
		assertThat(this.fx.tables()).contains("a");
	}

	@Test
	void readsThatFailNameTheCommandAndChangeNothing() throws Exception {
		this.fx.migrator().migrate();
		List<String> before = this.fx.dump();

		this.db.failOn("executeQuery", "SELECT id, version, action FROM main.schema_migrations_log");
		assertThatThrownBy(() -> migrator().info()).isInstanceOf(MigratorException.class)
			.hasMessageStartingWith("info could not complete: the database reported: " + FailingDataSource.MESSAGE);

		this.db.failOn("executeQuery", "execution_time_ms FROM main.schema_migrations_log");
		assertThatThrownBy(() -> migrator().dashboard()).isInstanceOf(MigratorException.class)
			.hasMessageStartingWith("the dashboard's log could not complete: the database reported: " + FailingDataSource.MESSAGE);
		assertThatThrownBy(() -> migrator().log(10)).isInstanceOf(MigratorException.class)
			.hasMessageStartingWith("log could not complete: the database reported: " + FailingDataSource.MESSAGE);

		this.db.failOn("executeQuery", "FROM main.schema_migrations");
		assertThatThrownBy(() -> migrator().validate()).isInstanceOf(MigratorException.class)
			.hasMessageStartingWith("validate could not complete: the database reported: " + FailingDataSource.MESSAGE);
		assertThatThrownBy(() -> migrator().info()).isInstanceOf(MigratorException.class)
			.hasMessageStartingWith("info could not complete: the database reported: " + FailingDataSource.MESSAGE);
		assertThat(this.fx.dump()).isEqualTo(before);

		this.db.heal();
		assertThat(migrator().validate().migrationsChecked()).isEqualTo(1);
		assertThat(migrator().dashboard()).isNotNull();
	}

	/** Migration 002 fails after its first statement committed: only the run's backup can undo it. */
	private void halfAppliedMigration() throws Exception {
		this.fx.write("002_b.sql", "-- migrator:no-transaction\nCREATE TABLE b (id INTEGER);\nINSERT INTO no_such VALUES (1);");
	}

	@Test
	void whenOtherWritersCannotBeToldApartTheBackupIsNotRestoredOverThem() throws Exception {
		this.fx.migrator().migrate();
		halfAppliedMigration();
		// SQLite's PRAGMA data_version tells this connection's writes from other connections'
		this.db.failOn("executeQuery", "PRAGMA data_version");

		assertThatThrownBy(() -> migrator().migrate()).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("was NOT restored automatically: whether other connections wrote since could not be"
					+ " checked (" + FailingDataSource.MESSAGE + ")")
			.hasMessageContaining("Restoring it would silently discard those writes, so the database is left as it is");
		assertThat(this.fx.tables()).as("left as it is, not restored").contains("b");
		this.db.heal();
		assertThat(migrator().backups()).as("the backup is kept for the operator's choice").isNotEmpty();
	}

	@Test
	void anAutomaticRestoreThatFailsSaysSoAndHowToRestoreByHand() throws Exception {
		this.fx.migrator().migrate();
		halfAppliedMigration();
		// copying the backup back is what fails
		this.db.failOn("executeUpdate", "restore from ");

		Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> migrator().migrate());
		assertThat(thrown).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("automatically FAILED (")
			.hasMessageContaining(FailingDataSource.MESSAGE);
		java.util.regex.Matcher named = java.util.regex.Pattern.compile("Restoring backup (\\S+) automatically FAILED")
			.matcher(thrown.getMessage());
		assertThat(named.find()).isTrue();
		String id = named.group(1);
		assertThat(this.fx.tables()).as("the half-applied state is left as it is").contains("b");

		this.db.heal();
		assertThat(migrator().backups()).as("the run's backup is kept to restore by hand")
			.extracting(dev.migrator.core.api.BackupInfo::id).contains(id);
		this.db.failOn("executeUpdate", "restore from ");
		assertThatThrownBy(() -> migrator().restore(id)).isInstanceOf(MigratorException.class)
			.hasMessageContaining(FailingDataSource.MESSAGE);

		this.db.heal();
		migrator().restore(id);
		assertThat(this.fx.tables()).as("the backup taken before 002 holds no b").doesNotContain("b").contains("a");
	}

	@Test
	void anAutomaticRestoreWhoseLogCannotBeCarriedOverSaysItRestoredAndWhereTheLogIs() throws Exception {
		this.fx.migrator().migrate();
		halfAppliedMigration();
		// the restore reads the log before and after putting the backup back, to carry it over: the second read fails
		this.db.failOn("executeQuery", "execution_time_ms FROM main.schema_migrations_log ORDER BY id", 1);

		Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> migrator().migrate());

		// the backup is in place: saying the restore FAILED would send the operator to restore it again
		assertThat(thrown).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("The database was restored from backup ")
			.hasMessageContaining("could not be carried over into the restored log (" + FailingDataSource.MESSAGE + ")")
			.hasMessageNotContaining("FAILED");
		assertThat(this.db.failures()).isEqualTo(1);
		this.db.heal();
		assertThat(this.fx.tables()).as("the backup taken before 002 holds no b").doesNotContain("b").contains("a");
	}

	@Test
	void aRestoreByHandWhoseLogCannotBeCarriedOverSucceedsWithAWarningNamingTheSafetyBackup() throws Exception {
		String id = backupBeforeB();
		this.db.failOn("executeQuery", "execution_time_ms FROM main.schema_migrations_log ORDER BY id", 1);

		RestoreResult result = migrator().restore(id);

		assertThat(this.db.failures()).isEqualTo(1);
		assertThat(result.restored().id()).isEqualTo(id);
		assertThat(result.currentVersion()).hasToString("001");
		assertThat(result.warnings()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.startsWith("Backup " + id + " was restored, but the log entries written since it was taken could not be"
					+ " carried over into the restored log (" + FailingDataSource.MESSAGE + ")")
			.endsWith("kept in backup " + result.safetyBackup().id() + ", the state before the restore");
		this.db.heal();
		assertThat(this.fx.tables()).doesNotContain("b").contains("a");
		assertThat(migrator().backups()).extracting(dev.migrator.core.api.BackupInfo::id)
			.contains(result.safetyBackup().id());
	}

	@Test
	void aRestoreByHandWhoseLogCannotBeWrittenAtAllSucceedsWithBothWarnings() throws Exception {
		String id = backupBeforeB();
		this.db.failOn("executeUpdate", "insert into main.schema_migrations_log");

		RestoreResult result = migrator().restore(id);

		assertThat(result.warnings()).hasSize(2);
		assertThat(result.warnings().get(0)).contains("could not be carried over");
		assertThat(result.warnings().get(1))
			.isEqualTo("The restore itself could not be written to the log (" + FailingDataSource.MESSAGE + ").");
		this.db.heal();
		assertThat(this.fx.tables()).doesNotContain("b").contains("a");
	}

	@Test
	void aRestoreByHandWhoseVersionCannotBeReadAfterwardsSucceedsWithAWarning() throws Exception {
		String id = backupBeforeB();
		this.db.failOn("executeQuery", "applied_by, execution_time_ms FROM main.schema_migrations", 1);

		RestoreResult result = migrator().restore(id);

		assertThat(result.currentVersion()).isNull();
		assertThat(result.warnings()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.startsWith("The schema version after the restore could not be read (" + FailingDataSource.MESSAGE);
		this.db.heal();
		assertThat(this.fx.tables()).doesNotContain("b").contains("a");
	}

	@Test
	void aDatabaseThatFailsItsFirstReadIsReportedInItsOwnWordsAndLeftUntouched() throws Exception {
		this.fx.migrator().migrate();
		this.fx.write("002_b.sql", "CREATE TABLE b (id INTEGER);");
		List<String> before = this.fx.dump();

		this.db.failOn("executeQuery", "PRAGMA schema_version");
		assertThatThrownBy(() -> migrator().migrate()).isInstanceOf(MigratorException.class)
			.hasMessageContaining(FailingDataSource.MESSAGE);
		assertThat(this.fx.dump()).isEqualTo(before);

		this.db.heal();
		migrator().migrate();
		assertThat(this.fx.tables()).contains("b");
	}

	/** A backup taken before 002 (which adds table b): its id. */
	private String backupBeforeB() throws Exception {
		this.fx.migrator().migrate();
		this.fx.write("002_b.sql", "CREATE TABLE b (id INTEGER);");
		this.fx.migrator().migrate();
		assertThat(this.fx.tables()).contains("a", "b");
		return migrator().backups().get(0).id();
	}

	@Test
	void aRestoreWhoseCopyBackFailsLeavesTheDatabaseAsItWasAndNamesTheSafetyBackup() throws Exception {
		String id = backupBeforeB();
		List<String> before = this.fx.dump();

		this.db.failOn("executeUpdate", "restore from ");
		assertThatThrownBy(() -> migrator().restore(id)).isInstanceOf(MigratorException.class)
			.hasMessageContaining("Restoring " + id + " into ")
			.hasMessageContaining("failed: " + FailingDataSource.MESSAGE)
			.hasMessageContaining("SQLite restores in one transaction, so the database should be as it was; if in doubt,"
					+ " restore the safety backup ");
		assertThat(this.fx.dump()).isEqualTo(before);

		this.db.heal();
		migrator().restore(id);
		assertThat(this.fx.tables()).as("the backup taken before 002 holds no b").doesNotContain("b").contains("a");
	}

	@Test
	void aRestoreThatCannotBeVerifiedSaysSoAndNamesTheSafetyBackupToUndoIt() throws Exception {
		String id = backupBeforeB();

		this.db.failOn("executeQuery", "PRAGMA integrity_check");
		Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> migrator().restore(id));
		assertThat(thrown).isInstanceOf(MigratorException.class)
			.hasMessageContaining("Restored " + id + " into ")
			.hasMessageContaining("but could not verify it: " + FailingDataSource.MESSAGE)
			.hasMessageContaining("The state before the restore is in the safety backup ");
		assertThat(this.fx.tables()).as("the backup was put back, only its check failed").doesNotContain("b");

		this.db.heal();
		java.util.regex.Matcher safety = java.util.regex.Pattern.compile("safety backup (\\S+), taken just before")
			.matcher(thrown.getMessage());
		assertThat(safety.find()).isTrue();
		migrator().restore(safety.group(1));
		assertThat(this.fx.tables()).as("the safety backup undoes the restore").contains("a", "b");
	}

	@Test
	void aDryRunWhoseCopyFailsChangesNothingAndLeavesNoCopyBehind() throws Exception {
		this.fx.migrator().migrate();
		this.fx.write("002_b.sql", "CREATE TABLE b (id INTEGER);");
		List<String> before = this.fx.dump();

		this.db.failOn("executeUpdate", "backup to ");
		Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
				() -> migrator().migrate(dev.migrator.core.api.RunOptions.dryRunOnly()));
		assertThat(thrown).isInstanceOf(MigratorException.class)
			.hasMessageContaining(" failed: " + FailingDataSource.MESSAGE)
			.hasMessageContaining("The partial copy was deleted and the database was not changed; run again");
		assertThat(this.fx.dump()).isEqualTo(before);
		java.util.regex.Matcher copy = java.util.regex.Pattern.compile(" to (\\S+dry-run\\.db) failed")
			.matcher(thrown.getMessage());
		assertThat(copy.find()).isTrue();
		assertThat(Path.of(copy.group(1)).getParent()).as("the dry run's temporary folder is removed").doesNotExist();

		this.db.heal();
		assertThat(migrator().migrate(dev.migrator.core.api.RunOptions.dryRunOnly()).dryRun()).isTrue();
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void aRepeatedRunTakesAFreshBackupWhenTheStateCannotBeFingerprinted() throws Exception {
		this.fx.migrator().migrate();
		this.fx.write("002_b.sql", "CREATE TABLE b (id INTEGER);\nINSERT INTO no_such VALUES (1);");
		// the second run at the same state fingerprints it along with its backup; the third reuses that backup
		assertThatThrownBy(() -> migrator().migrate()).isInstanceOf(MigrationFailedException.class);
		assertThatThrownBy(() -> migrator().migrate()).isInstanceOf(MigrationFailedException.class);
		int taken = migrator().backups().size();
		assertThatThrownBy(() -> migrator().migrate()).isInstanceOf(MigrationFailedException.class);
		assertThat(migrator().backups()).as("the same state again: its backup is reused").hasSize(taken);

		// the fingerprint proves the state is the backup's: unread, nothing is proven, so nothing is reused
		this.db.failOn("executeQuery", "SELECT type, name, tbl_name, sql FROM sqlite_master");
		assertThatThrownBy(() -> migrator().migrate()).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("no such table: no_such");
		assertThat(this.db.failures()).isPositive();
		this.db.heal();
		assertThat(migrator().backups()).hasSize(taken + 1);
		assertThat(this.fx.tables()).doesNotContain("b");
	}

	@Test
	void aDatabaseWhoseMetadataCannotBeReadIsNotMigrated() throws Exception {
		this.db.failOn("getMetaData", null);
		assertThatThrownBy(() -> migrator().migrate()).isInstanceOf(MigratorException.class)
			.hasMessage("Could not read the database's metadata: " + FailingDataSource.MESSAGE);
		assertThatThrownBy(() -> migrator().info()).isInstanceOf(MigratorException.class)
			.hasMessage("Could not read the database's metadata: " + FailingDataSource.MESSAGE);
		assertThat(this.fx.tables()).isEmpty();
	}

	@Test
	void aFlywayPlaceholderWhoseValueCannotBeReadSaysHowToSetIt() throws Exception {
		java.nio.file.Files.delete(this.fx.migrations.resolve("001_a.sql"));
		this.fx.write("V1__who.sql", "CREATE TABLE who (name TEXT);\nINSERT INTO who VALUES ('${flyway:user}');");
		// the session reads the user once as it opens; the placeholder's read is the second
		this.db.failOn("getUserName", null, 1);
		assertThatThrownBy(() -> migrator().migrate()).isInstanceOf(MigratorException.class)
			.hasMessageStartingWith("Could not read the database's user, name or schema for Flyway's ${flyway:user}")
			.hasMessageEndingWith(FailingDataSource.MESSAGE + "; set the one a script uses with migrator.placeholders");
		assertThat(this.fx.tables()).doesNotContain("who");
	}


	@Test
	void aHistoryTableOfUnknownShapeWhoseColumnsCannotBeListedIsReportedWithTheReadsOwnError() throws Exception {
		this.fx.execute("CREATE TABLE schema_migrations (name TEXT)");
		List<String> before = this.fx.dump();
		// the read fails on the table's shape; telling another tool's table apart lists its columns, which fails too
		this.db.failOn("getColumns", null);

		Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> migrator().migrate());

		assertThat(thrown).isInstanceOf(MigratorException.class).hasMessageContaining("no such column");
		assertThat(this.db.failures()).isPositive();
		assertThat(this.fx.dump()).isEqualTo(before);
		this.db.heal();
	}
}
