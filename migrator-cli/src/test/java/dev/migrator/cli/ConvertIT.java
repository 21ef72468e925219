package dev.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.Migrator;
import tools.jackson.databind.JsonNode;

/**
 * {@code migrator convert}: a realistic folder of each tool, converted by the jar, then applied by
 * the engine to one fresh SQLite file as it is and to another converted: the schemas and rows are
 * equal. The detailed comparisons are {@code MigrationFolderTest}'s, in migrator-core.
 */
class ConvertIT {

	/** One migration: its name, up and down ("" for "nothing to undo"); block: a trigger body. */
	private record Step(String name, String up, String down, boolean block) {
	}

	private static final List<Step> STEPS = List.of(
			new Step("create_users", """
					CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE, name TEXT);
					""", "DROP TABLE users;\n", false),
			new Step("create_orders", """
					CREATE TABLE orders (
					    id INTEGER PRIMARY KEY,
					    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
					    total REAL NOT NULL CHECK (total >= 0),
					    note TEXT DEFAULT 'none; yet'
					);
					CREATE INDEX idx_orders_user ON orders (user_id);
					""", "DROP INDEX idx_orders_user;\nDROP TABLE orders;\n", false),
			new Step("seed", """
					INSERT INTO users (email, name) VALUES ('ada@example.com', 'Ada'), ('bob@example.com', 'Bob -- the builder');
					INSERT INTO orders (user_id, total) VALUES (1, 9.5), (2, 20);
					""", "DELETE FROM orders;\nDELETE FROM users;\n", false),
			new Step("orders_audit_trigger", """
					CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT NOT NULL);
					CREATE TRIGGER orders_audit AFTER INSERT ON orders
					BEGIN
					    INSERT INTO audit (what) VALUES ('order ' || NEW.id);
					END;
					""", "DROP TRIGGER orders_audit;\nDROP TABLE audit;\n", true),
			new Step("backfill_names", "UPDATE users SET name = 'Unknown' WHERE name IS NULL;\n", "", false),
			new Step("reverted_change", "-- reverted before release; kept so the versions stay\n", "", false),
			new Step("big_orders_view", """
					CREATE VIEW big_orders AS SELECT o.id, u.email FROM orders o JOIN users u ON u.id = o.user_id
					    WHERE o.total > 10;
					""", "DROP VIEW big_orders;\n", false),
			new Step("add_users_active", "ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1;\n",
					"ALTER TABLE users DROP COLUMN active;\n", false));

	private static final List<String> TOOLS = List.of("flyway", "golang-migrate", "diesel", "dbmate", "goose", "sql-migrate",
			"liquibase-sql");

	@TempDir
	Path directory;

	@Test
	void eachToolsFolderConvertsAndMigratesToTheSameSchemaAsTheOriginal() throws Exception {
		for (String tool : TOOLS) {
			Path project = Files.createDirectories(this.directory.resolve(tool));
			Path original = project.resolve("db/migration");
			write(tool, original);
			Map<Path, String> before = files(original);

			boolean json = tool.equals("dbmate");
			CliRun.Result converted = json ? new CliRun(project).run("convert", "--from", tool, "db/migration", "--json")
					: new CliRun(project).run("convert", "--from", tool, "db/migration");

			assertThat(converted.exitCode()).as(converted.toString()).isZero();
			if (json) {
				JsonNode document = converted.json();
				assertThat(document.get("command").asString()).isEqualTo("convert");
				assertThat(document.get("convention").asString()).isEqualTo("dbmate");
				assertThat(document.get("to").asString()).isEqualTo("db/migration-migrator");
				assertThat(document.get("migrations").asInt()).isEqualTo(STEPS.size());
				assertThat(document.get("emptyDowns").asInt()).isEqualTo(2);
				assertThat(document.get("files")).hasSize(2 * STEPS.size());
			}
			else {
				assertThat(converted.stdout()).as(tool).contains("Converted " + STEPS.size() + " ",
						" migrations from db/migration into db/migration-migrator: " + STEPS.size() + " downs, 2 of them empty;",
						"read back with the same versions, descriptions, SQL, transactions and downs");
			}
			assertThat(files(original)).as(tool + ": the old folder is only read").isEqualTo(before);
			Path target = project.resolve("db/migration-migrator");
			assertThat(migrate(original, project.resolve("original.db"))).as(tool + ": sqlite_master and rows")
				.isNotEmpty()
				.containsExactlyElementsOf(migrate(target, project.resolve("converted.db")));
			if (tool.equals("goose") || tool.equals("sql-migrate")) {
				assertThat(converted.stdout()).as(tool).contains("StatementBegin/StatementEnd blocks kept as one statement");
			}
		}
	}

	@Test
	void aTargetThatHoldsFilesIsRefusedAndLeftAsItWas() throws IOException {
		write("goose", this.directory.resolve("db/migration"));
		Path target = Files.createDirectories(this.directory.resolve("new"));
		Files.writeString(target.resolve("notes.txt"), "mine\n");

		CliRun.Result refused = new CliRun(this.directory).run("convert", "db/migration", "--to", "new");

		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
		assertThat(refused.stderr()).contains("new exists and is not empty; nothing was written");
		assertThat(files(target)).containsOnlyKeys(Path.of("notes.txt"));
	}

	@Test
	void aMistypedFromIsAnsweredWithTheNearestName() throws IOException {
		write("goose", this.directory.resolve("db/migration"));

		CliRun.Result refused = new CliRun(this.directory).run("convert", "--from", "golang_migrat", "db/migration");

		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
		assertThat(refused.stderr()).contains("--from golang_migrat names no convention convert reads; did you mean"
				+ " --from golang-migrate?");
		assertThat(this.directory.resolve("db/migration-migrator")).doesNotExist();
	}

	@Test
	void aFolderInAnotherConventionThanFromIsRefusedNamingTheOneItIsIn() throws IOException {
		write("golang-migrate", this.directory.resolve("db/migration"));

		CliRun.Result refused = new CliRun(this.directory).run("convert", "--from", "flyway", "db/migration");

		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
		assertThat(refused.stderr()).contains("holds golang-migrate migrations (e.g. 000001_create_users.up.sql",
				"not Flyway's", "Run with --from golang-migrate");
		assertThat(this.directory.resolve("db/migration-migrator")).doesNotExist();
	}

	/** Migrates a fresh SQLite file with the folder through the engine; its schema and rows. */
	private static List<String> migrate(Path folder, Path database) throws SQLException {
		String url = "jdbc:sqlite:" + database;
		Migrator.configure().url(url).locations("filesystem:" + folder).load().migrate();
		List<String> dump = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
			List<String> tables = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery("SELECT type, name, sql FROM sqlite_master"
					+ " WHERE name NOT LIKE 'schema_migrations%' AND name NOT LIKE 'sqlite_%' ORDER BY type, name")) {
				while (rows.next()) {
					dump.add(rows.getString(1) + " " + rows.getString(2) + ": " + rows.getString(3));
					if (rows.getString(1).equals("table")) {
						tables.add(rows.getString(2));
					}
				}
			}
			for (String table : tables) {
				try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table + " ORDER BY rowid")) {
					while (rows.next()) {
						List<String> values = new ArrayList<>();
						for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
							values.add(rows.getString(i));
						}
						dump.add(table + ": " + values);
					}
				}
			}
		}
		return dump;
	}

	/** The steps as the tool names and marks its files. */
	private static void write(String tool, Path dir) throws IOException {
		StringBuilder changelog = new StringBuilder("--liquibase formatted sql\n\n");
		for (int i = 0; i < STEPS.size(); i++) {
			Step step = STEPS.get(i);
			int n = i + 1;
			switch (tool) {
				case "flyway" -> {
					write(dir, "V1_" + n + "__" + step.name() + ".sql", step.up());
					write(dir, "U1_" + n + "__" + step.name() + ".sql", step.down());
				}
				case "golang-migrate" -> {
					write(dir, String.format("%06d_%s.up.sql", n, step.name()), step.up());
					write(dir, String.format("%06d_%s.down.sql", n, step.name()), step.down());
				}
				case "diesel" -> {
					String folder = String.format("2024-02-%02d-093000_%s", n, step.name());
					write(dir, folder + "/up.sql", step.up());
					write(dir, folder + "/down.sql", step.down());
				}
				case "dbmate" -> write(dir, String.format("202402%02d093000_%s.sql", n, step.name()),
						"-- migrate:up\n" + step.up() + "\n-- migrate:down\n" + step.down());
				case "goose" -> write(dir, String.format("%05d_%s.sql", n, step.name()),
						"-- +goose Up\n" + block("goose", step, step.up()) + "\n-- +goose Down\n" + step.down());
				case "sql-migrate" -> write(dir, String.format("%d_%s.sql", n, step.name()),
						"-- +migrate Up\n" + block("migrate", step, step.up()) + "\n-- +migrate Down\n" + step.down());
				default -> {
					changelog.append("--changeset ada:").append(step.name()).append('\n').append(step.up());
					changelog.append(step.down().isEmpty() ? "--rollback empty\n" : "");
					step.down().lines().forEach((line) -> changelog.append("--rollback ").append(line).append('\n'));
					changelog.append('\n');
				}
			}
		}
		if (tool.equals("liquibase-sql")) {
			write(dir, "001-changelog.sql", changelog.toString());
		}
	}

	private static String block(String tool, Step step, String sql) {
		return step.block() ? "-- +" + tool + " StatementBegin\n" + sql + "-- +" + tool + " StatementEnd\n" : sql;
	}

	private static void write(Path dir, String name, String content) throws IOException {
		Path file = dir.resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content, StandardCharsets.UTF_8);
	}

	private static Map<Path, String> files(Path folder) throws IOException {
		Map<Path, String> contents = new TreeMap<>();
		try (Stream<Path> files = Files.walk(folder)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				contents.put(folder.relativize(file), Files.readString(file, StandardCharsets.UTF_8));
			}
		}
		return contents;
	}

}
