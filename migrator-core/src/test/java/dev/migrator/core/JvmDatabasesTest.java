package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.api.RunResult;

/**
 * H2 and HSQLDB, in memory (as Spring Boot's test slices use them) and in files: real databases,
 * each migrated by the engine as users would.
 */
class JvmDatabasesTest {

	enum Engine {

		H2_MEMORY(true), H2_FILE(false), HSQLDB_MEMORY(true), HSQLDB_FILE(false);

		final boolean inMemory;

		Engine(boolean inMemory) {
			this.inMemory = inMemory;
		}

		String url(Path dir) {
			String name = "db" + UUID.randomUUID().toString().replace("-", "");
			return switch (this) {
				case H2_MEMORY -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
				case H2_FILE -> "jdbc:h2:file:" + dir.resolve(name);
				case HSQLDB_MEMORY -> "jdbc:hsqldb:mem:" + name;
				case HSQLDB_FILE -> "jdbc:hsqldb:file:" + dir.resolve(name);
			};
		}

		boolean h2() {
			return this == H2_MEMORY || this == H2_FILE;
		}

	}

	@TempDir
	Path dir;

	private Path migrations;

	private String url;

	private void setUp(Engine engine) throws IOException {
		this.migrations = Files.createDirectories(this.dir.resolve("migrations"));
		this.url = engine.url(this.dir);
	}

	private Migrator migrator() {
		return Migrator.configure().url(this.url).locations("filesystem:" + this.migrations).load();
	}

	private void write(String name, String sql) throws IOException {
		Files.writeString(this.migrations.resolve(name), sql);
	}

	@ParameterizedTest
	@EnumSource(Engine.class)
	void migratesRecordsTheHistoryAndFindsNothingPendingAfter(Engine engine) throws Exception {
		setUp(engine);
		write("001_create_tasks.sql", "CREATE TABLE tasks (id BIGINT PRIMARY KEY, title VARCHAR(200) NOT NULL);\n"
				+ "INSERT INTO tasks VALUES (1, 'a;b');\n");
		write("002_add_done.sql", "ALTER TABLE tasks ADD COLUMN done BOOLEAN DEFAULT FALSE NOT NULL;\n");
		RunResult result = migrator().migrate();
		assertThat(result.succeeded()).isTrue();
		assertThat(result.currentVersion()).hasToString("002");
		assertThat(query("SELECT title FROM tasks")).containsExactly("a;b");
		assertThat(query("SELECT version FROM schema_migrations ORDER BY version")).containsExactly("001", "002");
		assertThat(migrator().migrate().isEmpty()).isTrue();
		assertThat(migrator().info().pending()).isEmpty();
	}

	// The run says why there is no backup: at INFO for an in-memory database (nothing to keep beyond the
	// process), as a warning for a file database, which users may expect to be backed up.
	@ParameterizedTest
	@EnumSource(Engine.class)
	void noBackupIsAWarningOnlyForFileDatabases(Engine engine) throws Exception {
		setUp(engine);
		write("001_create_tasks.sql", "CREATE TABLE tasks (id BIGINT PRIMARY KEY);\n");
		RunResult result = migrator().migrate();
		if (engine.inMemory) {
			assertThat(result.warnings()).noneMatch((warning) -> warning.contains("backup"));
		}
		else {
			assertThat(result.warnings()).anyMatch((warning) -> warning.contains("No backup was taken")
					&& warning.contains("migrator.backup.enabled=false"));
		}
	}

	// DDL commits as it runs on both: the failure names the file and line, is recorded, and blocks
	// the next run until repaired, as on MySQL.
	@ParameterizedTest
	@EnumSource(Engine.class)
	void aFailedMigrationNamesItsFileAndLineAndIsRecorded(Engine engine) throws Exception {
		setUp(engine);
		write("001_create_tasks.sql", "CREATE TABLE tasks (id BIGINT PRIMARY KEY);\n");
		write("002_broken.sql", "CREATE TABLE notes (id BIGINT PRIMARY KEY);\n\nINSERT INTO no_such_table VALUES (1);\n");
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> migrator().migrate())
			.satisfies((ex) -> {
				assertThat(ex.script()).endsWith("002_broken.sql");
				assertThat(ex.line()).isEqualTo(3);
			});
		assertThat(query("SELECT version || ' ' || status FROM schema_migrations ORDER BY version"))
			.containsExactly("001 applied", "002 failed");
		assertThat(query("SELECT count(*) FROM information_schema.tables WHERE lower(table_name) = 'notes'"))
			.as("what DDL committed stays, so the failure blocks").containsExactly("1");
		assertThatExceptionOfType(MigratorException.class).isThrownBy(() -> migrator().migrate())
			.withMessageContaining("002");
	}

	@ParameterizedTest
	@EnumSource(Engine.class)
	void bodiesWithSemicolonsStayOneStatement(Engine engine) throws Exception {
		setUp(engine);
		write("001_create_tasks.sql", "CREATE TABLE tasks (id BIGINT PRIMARY KEY, title VARCHAR(200));\n"
				+ "CREATE TABLE audit (title VARCHAR(200));\n");
		if (engine.h2()) {
			write("002_alias.sql", "CREATE ALIAS shout AS $$ String shout(String s) { return s.toUpperCase(); } $$;\n"
					+ "INSERT INTO audit VALUES (shout('semi;colon'));\n");
		}
		else {
			write("002_trigger.sql", "CREATE TRIGGER audit_tasks AFTER INSERT ON tasks REFERENCING NEW ROW AS n\n"
					+ "FOR EACH ROW BEGIN ATOMIC\n"
					+ "  IF n.title IS NOT NULL THEN\n"
					+ "    INSERT INTO audit VALUES (n.title);\n"
					+ "  END IF;\n"
					+ "END;\n"
					+ "INSERT INTO tasks VALUES (1, 'SEMI;COLON');\n");
		}
		assertThat(migrator().migrate().succeeded()).isTrue();
		assertThat(query("SELECT title FROM audit")).containsExactly("SEMI;COLON");
	}

	// In memory, a JVM lock keeps runners apart; in files, the lock table. Either way two runners at
	// once apply each migration once.
	@ParameterizedTest
	@EnumSource(Engine.class)
	void twoRunnersAtOnceApplyEachMigrationOnce(Engine engine) throws Exception {
		setUp(engine);
		write("001_create_tasks.sql", "CREATE TABLE tasks (id BIGINT PRIMARY KEY);\n");
		write("002_insert.sql", "INSERT INTO tasks VALUES (1);\n");
		CyclicBarrier start = new CyclicBarrier(2);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Callable<RunResult> run = () -> {
				Migrator migrator = migrator();
				start.await();
				return migrator.migrate();
			};
			List<Future<RunResult>> runs = List.of(pool.submit(run), pool.submit(run));
			int applied = 0;
			for (Future<RunResult> future : runs) {
				applied += future.get().migrations().size();
			}
			assertThat(applied).isEqualTo(2);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(query("SELECT count(*) FROM tasks")).containsExactly("1");
		List<String> tables = query("SELECT table_name FROM information_schema.tables");
		assertThat(tables.stream().map((t) -> t.toLowerCase(Locale.ROOT)).toList().contains("schema_migrations_lock"))
			.isEqualTo(!engine.inMemory);
	}

	@ParameterizedTest
	@EnumSource(Engine.class)
	void dryRunsAreRefusedSayingWhy(Engine engine) throws Exception {
		setUp(engine);
		write("001_create_tasks.sql", "CREATE TABLE tasks (id BIGINT PRIMARY KEY);\n");
		assertThatExceptionOfType(MigratorException.class)
			.isThrownBy(() -> migrator().migrate(RunOptions.dryRunOnly()))
			.withMessageContaining("commits every DDL statement");
	}

	private List<String> query(String sql) throws SQLException {
		List<String> values = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(this.url);
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			while (rs.next()) {
				values.add(rs.getString(1));
			}
		}
		return values;
	}

}
