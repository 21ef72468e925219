package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.InfoResult;
import dev.migrator.core.api.MigrationState;
import dev.migrator.core.api.ValidationException;

/** Validation of the code against the history, and info, on every engine. */
abstract class ValidationScenarios {

	@TempDir
	Path dir;

	DatabaseFixture fx;

	/** The engine's fixture on a fresh database in {@code dir}. */
	abstract DatabaseFixture fixture(Path dir) throws Exception;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = fixture(this.dir);
		this.fx.write("1_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\nINSERT INTO users VALUES (1);\n")
			.write("3_orders.sql", "CREATE TABLE orders (id INTEGER PRIMARY KEY);");
		this.fx.migrator().migrate();
	}

	@Test
	void changedAppliedScriptIsDetectedWithBothChecksumsAndTheFile() throws Exception {
		String applied = this.fx.query("SELECT checksum FROM schema_migrations WHERE version = '1'").get(0);
		this.fx.write("1_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n");
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.migrator().migrate())
			.isInstanceOf(ValidationException.class)
			.hasMessageContaining("1_users.sql has changed since it was applied as migration 1")
			.hasMessageContaining("checksum applied " + applied + ", now ")
			.hasMessageContaining("repair the history if the change is intended");
		assertThatThrownBy(() -> this.fx.migrator().validate()).isInstanceOf(ValidationException.class);
		assertThat(this.fx.migrator().info().problems()).hasSize(1);
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void crlfCopyOfTheSameScriptIsNotDrift() throws Exception {
		this.fx.write("1_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\r\nINSERT INTO users VALUES (1);\r\n");

		assertThat(this.fx.migrator().validate().migrationsChecked()).isEqualTo(2);
		assertThat(this.fx.migrator().migrate().isEmpty()).isTrue();
	}

	@Test
	void byteOrderMarkIsNotDriftEither() throws Exception {
		this.fx.write("1_users.sql", "\uFEFFCREATE TABLE users (id INTEGER PRIMARY KEY);\nINSERT INTO users VALUES (1);\n");

		this.fx.migrator().validate();
	}

	@Test
	void repairRealignsAnIntendedChange() throws Exception {
		this.fx.write("1_users.sql", "-- Users, now documented\nCREATE TABLE users (id INTEGER PRIMARY KEY);\nINSERT INTO users VALUES (1);\n");

		assertThat(this.fx.migrator().repair().realigned()).extracting(Object::toString).containsExactly("1");

		this.fx.migrator().validate();
		assertThat(this.fx.query("SELECT description FROM schema_migrations WHERE version = '1'"))
			.containsExactly("Users, now documented");
		assertThat(this.fx.query("SELECT action, CASE WHEN error LIKE 'realigned checksum%' THEN 1 ELSE 0 END FROM schema_migrations_log WHERE action = 'repair'"))
			.containsExactly("repair|1");
	}

	@Test
	void appliedMigrationMissingFromTheCodeIsAnErrorUnlessIgnored() throws Exception {
		Files.delete(this.fx.migrations.resolve("1_users.sql"));

		assertThatThrownBy(() -> this.fx.migrator().validate())
			.hasMessageContaining("Applied migration 1 (")
			.hasMessageContaining("is missing from the code; restore the file, or set ignoreMissingMigrations(true)");

		assertThat(this.fx.configure().ignoreMissingMigrations(true).load().validate().warnings())
			.anySatisfy((w) -> assertThat(w).contains("Applied migration 1 (").contains("no longer in the code"));
		assertThat(this.fx.migrator().info().migrations()).extracting((m) -> m.state())
			.containsExactly(MigrationState.MISSING, MigrationState.APPLIED);
	}

	@Test
	void databaseNewerThanTheCodeIsSaidPlainly() throws Exception {
		Files.delete(this.fx.migrations.resolve("3_orders.sql"));

		assertThatThrownBy(() -> this.fx.migrator().migrate())
			.hasMessageContaining("The database is newer than the code: migration 3")
			.hasMessageContaining("the newest migration in the code is 1");
	}

	@Test
	void outOfOrderMigrationIsRefusedByDefault() throws Exception {
		this.fx.write("2_late.sql", "CREATE TABLE late (id INTEGER);");
		List<String> before = this.fx.dump();

		assertThatThrownBy(() -> this.fx.migrator().migrate())
			.isInstanceOf(ValidationException.class)
			.hasMessageContaining("Pending migration 2 (")
			.hasMessageContaining("is below the current version 3")
			.hasMessageContaining("outOfOrder(true)");
		assertThat(this.fx.migrator().info().migrations()).extracting((m) -> m.state())
			.containsExactly(MigrationState.APPLIED, MigrationState.OUT_OF_ORDER, MigrationState.APPLIED);
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void outOfOrderMigrationIsAppliedWhenAllowed() throws Exception {
		this.fx.write("2_late.sql", "CREATE TABLE late (id INTEGER);");

		var result = this.fx.configure().outOfOrder(true).load().migrate();

		assertThat(result.migrations()).extracting((r) -> r.version().toString()).containsExactly("2");
		assertThat(result.currentVersion()).hasToString("3");
		assertThat(this.fx.tables()).contains("late");
	}

	@Test
	void infoListsEveryMigrationWithItsState() throws Exception {
		this.fx.write("4_items.sql", "CREATE TABLE items (id INTEGER);");

		InfoResult info = this.fx.migrator().info();

		assertThat(info.currentVersion()).hasToString("3");
		assertThat(info.migrations()).extracting((m) -> m.version() + ":" + m.state())
			.containsExactly("1:APPLIED", "3:APPLIED", "4:PENDING");
		assertThat(info.applied()).allSatisfy((m) -> {
			assertThat(m.appliedAt()).isNotNull();
			assertThat(m.appliedBy()).isNotBlank();
			assertThat(m.executionTimeMs()).isNotNull();
			assertThat(m.checksum()).hasSize(64);
		});
		assertThat(info.pending()).singleElement().satisfies((m) -> {
			assertThat(m.description()).isEqualTo("items");
			assertThat(m.appliedAt()).isNull();
		});
		assertThat(info.problems()).isEmpty();
	}

	@Test
	void infoOnAFreshDatabaseCreatesNothing() throws Exception {
		DatabaseFixture fresh = fixture(Files.createDirectories(this.dir.resolve("fresh")));
		fresh.write("1_a.sql", "CREATE TABLE a (id INTEGER);");
		// an empty database (on SQLite an empty file: info refuses a file that is not there at all)
		fresh.connect().close();

		assertThat(fresh.migrator().info().pending()).hasSize(1);
		fresh.migrator().validate();

		assertThat(fresh.tables()).isEmpty();
	}

	@Test
	void descriptionChangeIsOnlyAWarning() throws Exception {
		Files.move(this.fx.migrations.resolve("3_orders.sql"), this.fx.migrations.resolve("3_purchase_orders.sql"));

		assertThat(this.fx.migrator().validate().warnings())
			.anySatisfy((w) -> assertThat(w).contains("'purchase orders' in the code but 'orders' in the history"));
	}

	@Test
	void tamperedHistoryRowsAreReportedClearly() throws Exception {
		this.fx.execute("UPDATE schema_migrations SET status = 'weird' WHERE version = '1'");
		assertThatThrownBy(() -> this.fx.migrator().info())
			.hasMessageContaining("version 1 with unknown status 'weird'");

		this.fx.execute("UPDATE schema_migrations SET status = 'applied', version = 'x1' WHERE version = '1'");
		assertThatThrownBy(() -> this.fx.migrator().info()).hasMessageContaining("version 'x1', which is not a version");

		this.fx.execute("UPDATE schema_migrations SET version = '1', type = 'cobol' WHERE version = 'x1'");
		assertThatThrownBy(() -> this.fx.migrator().info()).hasMessageContaining("unknown type 'cobol'");
	}

}
