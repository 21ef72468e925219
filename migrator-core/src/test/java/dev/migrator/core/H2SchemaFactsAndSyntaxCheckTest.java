package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigratorException;

/**
 * On H2 in memory (in-process, as Spring Boot's test slices use it): Flyway's built-in placeholders
 * stand for the configured schema and the database connected to; golang-migrate's table where the
 * history would be, in the configured schema, is named as such; and validate says plainly that it
 * could compile none of the pending statements without running them.
 */
class H2SchemaFactsAndSyntaxCheckTest {

	@TempDir
	Path dir;

	private Path migrations;

	private String url;

	@BeforeEach
	void setUp() throws Exception {
		this.migrations = Files.createDirectories(this.dir.resolve("migrations"));
		this.url = "jdbc:h2:mem:db" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
	}

	private Migrator.Builder configure() {
		return Migrator.configure().url(this.url).locations("filesystem:" + this.migrations);
	}

	private List<String> query(String sql) throws Exception {
		List<String> rows = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(this.url);
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			while (rs.next()) {
				List<String> cells = new ArrayList<>();
				for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
					cells.add(rs.getString(i));
				}
				rows.add(String.join("|", cells));
			}
		}
		return rows;
	}

	@Test
	void flywaysDefaultSchemaPlaceholderIsTheConfiguredSchema() throws Exception {
		Files.writeString(this.migrations.resolve("V1__facts.sql"), "CREATE TABLE ${flyway:defaultSchema}.facts ("
				+ "db_name VARCHAR(100) DEFAULT '${flyway:database}', schema_name VARCHAR(100) DEFAULT '${flyway:defaultSchema}');\n"
				+ "INSERT INTO ${flyway:defaultSchema}.facts (db_name) VALUES (DEFAULT);\n");

		var run = configure().schema("APP").load().migrate();

		assertThat(run.migrations()).hasSize(1);
		String catalog = query("SELECT CATALOG_NAME FROM INFORMATION_SCHEMA.INFORMATION_SCHEMA_CATALOG_NAME").get(0);
		assertThat(query("SELECT db_name, schema_name FROM APP.facts")).containsExactly(catalog + "|APP");
	}

	@Test
	void validateSaysH2CannotCompileAStatementWithoutRunningIt() throws Exception {
		Files.writeString(this.migrations.resolve("1_tasks.sql"), "CREATE TABLE tasks (id INT PRIMARY KEY);");
		configure().load().migrate();
		Files.writeString(this.migrations.resolve("2_seed.sql"), "INSERT INTO tasks VALUES (1);");

		List<String> warnings = configure().load().validate().warnings();

		assertThat(warnings).contains("Syntax checked without running: 0 of 1 statements of the pending migrations; 1 could"
				+ " not be (this database cannot compile a statement without running it): only a dry run runs them");
		assertThat(query("SELECT count(*) FROM tasks")).as("nothing ran").containsExactly("0");
	}

	@Test
	void golangMigratesTableInTheConfiguredSchemaIsNamedAndLeftAsItIs() throws Exception {
		Files.writeString(this.migrations.resolve("1_tasks.sql"), "CREATE TABLE tasks (id INT PRIMARY KEY);");
		try (Connection connection = DriverManager.getConnection(this.url); Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA APP");
			statement.execute("CREATE TABLE APP.schema_migrations (version BIGINT NOT NULL PRIMARY KEY, dirty BOOLEAN NOT NULL)");
			statement.execute("INSERT INTO APP.schema_migrations VALUES (1, FALSE)");
		}

		assertThatThrownBy(() -> configure().schema("APP").load().migrate()).isInstanceOf(MigratorException.class)
			.hasMessageContaining("The table schema_migrations exists but is not Migrator's history: its columns (dirty,"
					+ " version) are those of golang-migrate's. Nothing was changed.")
			.hasMessageContaining("migrator.table=migrator_history");

		assertThat(query("SELECT version, dirty FROM APP.schema_migrations")).containsExactly("1|FALSE");
		assertThat(query("SELECT count(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'TASKS'")).containsExactly("0");
	}

}
