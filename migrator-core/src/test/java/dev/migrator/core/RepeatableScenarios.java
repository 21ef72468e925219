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
import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigrationInfo;
import dev.migrator.core.api.MigrationRun;
import dev.migrator.core.api.MigrationState;
import dev.migrator.core.api.MigrationType;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.api.RunResult;

/**
 * Flyway's repeatable migrations ({@code R__<description>.sql}) on every engine: applied after the
 * versioned ones in description order, again whenever they change and only then, with their own
 * history rows; a failure rolled back and named; listed by a dry run; left alone by a rollback.
 */
abstract class RepeatableScenarios {

	@TempDir
	Path dir;

	DatabaseFixture fx;

	abstract DatabaseFixture fixture(Path dir) throws Exception;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = fixture(this.dir);
		this.fx.write("V1__items.sql", "CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(50));\n"
				+ "INSERT INTO items (id, name) VALUES (1, 'pen');\n")
			.write("V2__price.sql", "ALTER TABLE items ADD COLUMN price INTEGER;\n")
			.write("U2__price.sql", "ALTER TABLE items DROP COLUMN price;\n")
			// b's view reads a's: run in any other order, the first run fails
			.write("R__b_totals.sql", "DROP VIEW IF EXISTS totals_v;\nCREATE VIEW totals_v AS SELECT count(*) AS n FROM items_v;\n")
			.write("R__a_items.sql", "DROP VIEW IF EXISTS totals_v;\nDROP VIEW IF EXISTS items_v;\n"
					+ "CREATE VIEW items_v AS SELECT id, name, price FROM items;\n");
	}

	@Test
	void aFirstRunAppliesTheRepeatablesAfterTheVersionedOnesInDescriptionOrder() throws Exception {
		RunResult run = this.fx.migrator().migrate();

		assertThat(run.migrations()).extracting((m) -> m.version().toString())
			.containsExactly("1", "2", "R__a_items", "R__b_totals");
		assertThat(run.migrations()).extracting(MigrationRun::type)
			.containsExactly(MigrationType.SQL, MigrationType.SQL, MigrationType.REPEATABLE, MigrationType.REPEATABLE);
		assertThat(run.currentVersion()).hasToString("2");
		assertThat(this.fx.query("SELECT n FROM totals_v")).containsExactly("1");
		assertThat(this.fx.query("SELECT version, description, type, status FROM schema_migrations ORDER BY version"))
			.containsExactly("1|items|sql|applied", "2|price|sql|applied", "R__a_items|a items|repeatable|applied",
					"R__b_totals|b totals|repeatable|applied");
		InfoResult info = this.fx.migrator().info();
		assertThat(info.currentVersion()).hasToString("2");
		assertThat(info.pending()).isEmpty();
		assertThat(info.problems()).isEmpty();
		assertThat(info.migrations()).filteredOn((m) -> m.type() == MigrationType.REPEATABLE)
			.extracting(MigrationInfo::state, MigrationInfo::rollbackAvailable)
			.containsOnly(org.assertj.core.groups.Tuple.tuple(MigrationState.APPLIED, false));
		dev.migrator.core.api.Dashboard dashboard = this.fx.migrator().dashboard();
		assertThat(dashboard.rollbackPlan()).as("a rollback leaves the repeatables: they are no steps of it")
			.extracting((step) -> step.version().toString(), dev.migrator.core.api.Dashboard.RollbackStep::possible)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("2", true), org.assertj.core.groups.Tuple.tuple("1", false));
		assertThat(dashboard.overview().latestVersion()).hasToString("2");
		assertThat(dashboard.overview().withDown()).isEqualTo(1);
		assertThat(dashboard.overview().migrations()).as("repeatables have no down by design: not counted").isEqualTo(2);
	}

	@Test
	void anUnchangedRepeatableDoesNotRunAgain() throws Exception {
		this.fx.migrator().migrate();
		int logged = this.fx.query("SELECT id FROM schema_migrations_log").size();

		RunResult again = this.fx.migrator().migrate();

		assertThat(again.migrations()).isEmpty();
		assertThat(this.fx.query("SELECT id FROM schema_migrations_log")).as("nothing logged").hasSize(logged);
	}

	@Test
	void aChangedRepeatableIsShownWithItsAppliedChecksumAndRunsAgainOnce() throws Exception {
		this.fx.migrator().migrate();
		String applied = this.fx.query("SELECT checksum FROM schema_migrations WHERE version = 'R__b_totals'").get(0);
		this.fx.write("R__b_totals.sql", "DROP VIEW IF EXISTS totals_v;\n"
				+ "CREATE VIEW totals_v AS SELECT count(*) AS n, 'changed' AS tag FROM items_v;\n");

		InfoResult info = this.fx.migrator().info();
		assertThat(info.problems()).as("a changed repeatable is not a checksum error").isEmpty();
		MigrationInfo changed = info.pending().get(0);
		assertThat(info.pending()).hasSize(1);
		assertThat(changed.script()).endsWith("R__b_totals.sql");
		assertThat(changed.checksum()).as("the applied checksum").isEqualTo(applied);
		assertThat(changed.note()).startsWith("will re-run: changed since applied (checksum now ");
		this.fx.migrator().validate(); // throws on a problem

		RunResult run = this.fx.migrator().migrate();

		assertThat(run.migrations()).extracting((m) -> m.version().toString()).containsExactly("R__b_totals");
		assertThat(this.fx.query("SELECT n, tag FROM totals_v")).containsExactly("1|changed");
		assertThat(this.fx.query("SELECT checksum FROM schema_migrations WHERE version = 'R__b_totals'").get(0))
			.isNotEqualTo(applied);
		assertThat(this.fx.migrator().migrate().migrations()).as("once").isEmpty();
		assertThat(this.fx.migrator().repair().realigned()).as("repair leaves a repeatable's checksum alone").isEmpty();
	}

	@Test
	void aFailingRepeatableIsRolledBackNamedByFileAndLineAndLogged() throws Exception {
		this.fx.migrator().migrate();
		this.fx.write("R__c_broken.sql", "CREATE VIEW broken_v AS SELECT 1 AS x;\n\nINSERT INTO no_such_table VALUES (1);\n");

		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOfSatisfying(MigrationFailedException.class,
				(ex) -> {
					assertThat(ex.getMessage()).contains("Migration R__c_broken (c broken) failed")
						.contains("R__c_broken.sql:3")
						.contains("its transaction was rolled back");
					assertThat(ex.script()).endsWith("R__c_broken.sql");
					assertThat(ex.line()).isEqualTo(3);
				});

		assertThat(this.fx.tables()).as("the view of its first statement rolled back with it")
			.noneMatch((t) -> t.equalsIgnoreCase("broken_v"));
		assertThat(this.fx.query("SELECT action, success FROM schema_migrations_log WHERE version = 'R__c_broken'"))
			.singleElement()
			.satisfies((row) -> assertThat(row).isIn("migrate|false", "migrate|f", "migrate|0"));
		assertThat(this.fx.migrator().info().pending()).extracting(MigrationInfo::script)
			.singleElement()
			.satisfies((script) -> assertThat(script).endsWith("R__c_broken.sql"));
	}

	@Test
	void aDryRunListsTheRepeatablesItWouldRunAndChangesNothing() throws Exception {
		this.fx.migrator().migrate();
		this.fx.write("R__a_items.sql", "DROP VIEW IF EXISTS totals_v;\nDROP VIEW IF EXISTS items_v;\n"
				+ "CREATE VIEW items_v AS SELECT id, name, price, 'v2' AS rev FROM items;\n");
		List<String> before = this.fx.dump();

		RunResult dryRun = this.fx.migrator().migrate(RunOptions.dryRunOnly());

		assertThat(dryRun.dryRun()).isTrue();
		assertThat(dryRun.migrations()).extracting((m) -> m.version().toString()).containsExactly("R__a_items");
		assertThat(this.fx.dump()).isEqualTo(before);
	}

	@Test
	void aRollbackOfVersionedMigrationsLeavesTheRepeatablesAsTheyAre() throws Exception {
		Files.delete(this.fx.migrations.resolve("R__a_items.sql"));
		this.fx.write("R__b_totals.sql", "DROP VIEW IF EXISTS totals_v;\nCREATE VIEW totals_v AS SELECT count(*) AS n FROM items;\n");
		this.fx.migrator().migrate();

		RunResult rolledBack = this.fx.migrator().rollback(1);

		assertThat(rolledBack.migrations()).extracting((m) -> m.version().toString()).containsExactly("2");
		assertThat(this.fx.query("SELECT status FROM schema_migrations WHERE version = 'R__b_totals'"))
			.containsExactly("applied");
		assertThat(this.fx.migrator().info().currentVersion()).hasToString("1");
		assertThat(this.fx.migrator().migrate().migrations()).extracting((m) -> m.version().toString())
			.as("the repeatable is unchanged: only the versioned one runs again")
			.containsExactly("2");
	}

	@Test
	void flywaysBuiltInPlaceholdersTakeTheirFlywayMeaning() throws Exception {
		this.fx.write("V3__facts.sql", "CREATE TABLE facts (k VARCHAR(40), v VARCHAR(400));\n"
				+ "INSERT INTO facts (k, v) VALUES ('user', '${flyway:user}'), ('database', '${flyway:database}'),"
				+ " ('schema', '${flyway:defaultSchema}'), ('timestamp', '${flyway:timestamp}'),"
				+ " ('filename', '${flyway:filename}'), ('dir', '${flyway:workingDirectory}'), ('table', '${flyway:table}');\n");
		String user;
		String database;
		String schema;
		try (java.sql.Connection connection = this.fx.connect()) {
			String name = connection.getMetaData().getUserName();
			user = (name != null) ? name : "";
			boolean sqlite = this.fx instanceof SqliteFixture;
			database = sqlite ? "main" : connection.getCatalog();
			schema = sqlite ? "main" : connection.getSchema();
		}

		this.fx.migrator().migrate();

		assertThat(this.fx.query("SELECT k, v FROM facts ORDER BY k")).containsExactly("database|" + database,
				"dir|" + System.getProperty("user.dir"), "filename|V3__facts.sql", "schema|" + schema,
				"table|schema_migrations",
				"timestamp|" + this.fx.query("SELECT v FROM facts WHERE k = 'timestamp'").get(0), "user|" + user);
		assertThat(this.fx.query("SELECT v FROM facts WHERE k = 'timestamp'").get(0))
			.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
		assertThat(schema).isNotBlank();
		assertThat(database).isNotBlank();
	}

	@Test
	void theBuildTimeIndexStartIsUpToDateAtTheVersionAndAChangedRepeatableStillRuns() throws Exception {
		Path classes = Files.createDirectories(this.dir.resolve("classes"));
		this.fx.migrator().migrate();
		Path index = MigrationIndex.write(this.fx.configure().configuration(), classes);
		assertThat(Files.readString(index)).contains("R__a_items\tREPEATABLE");
		java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] { classes.toUri().toURL() },
				getClass().getClassLoader());

		RunResult upToDate = this.fx.configure().classLoader(loader).load().migrate();

		assertThat(upToDate.migrations()).isEmpty();
		assertThat(upToDate.currentVersion()).as("a repeatable is never the current version").hasToString("2");
		Path file = this.fx.migrations.resolve("R__b_totals.sql");
		java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(file);
		Files.writeString(file, Files.readString(file).replace("count(*) AS n", "count(1) AS n"));
		Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(before.toMillis() + 5_000));
		assertThat(this.fx.configure().classLoader(loader).load().migrate().migrations())
			.extracting((m) -> m.version().toString())
			.containsExactly("R__b_totals");
	}

	@Test
	void aRepeatableRunsAgainWhenAPlaceholdersValueChangesAsInFlyway() throws Exception {
		this.fx.write("R__c_owner.sql", "DROP VIEW IF EXISTS owner_v;\nCREATE VIEW owner_v AS SELECT '${owner}' AS owner;\n");
		this.fx.configure().placeholders(java.util.Map.of("owner", "ops")).load().migrate();

		assertThat(this.fx.configure().placeholders(java.util.Map.of("owner", "ops")).load().migrate().migrations())
			.as("the same value: nothing to do").isEmpty();
		// a build-time index, written with the build's value, cannot vouch for the run's
		Path classes = Files.createDirectories(this.dir.resolve("classes"));
		MigrationIndex.write(this.fx.configure().placeholders(java.util.Map.of("owner", "ops")).configuration(), classes);
		java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] { classes.toUri().toURL() },
				getClass().getClassLoader());
		assertThat(this.fx.configure().classLoader(loader).placeholders(java.util.Map.of("owner", "dev")).load().migrate()
			.migrations()).extracting((m) -> m.version().toString())
			.containsExactly("R__c_owner");
		assertThat(this.fx.query("SELECT owner FROM owner_v")).containsExactly("dev");
	}

}
