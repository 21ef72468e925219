package dev.migrator.benchmarks.inprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.benchmarks.content.GeneratedMigrations;
import dev.migrator.benchmarks.content.ToolContent;

/**
 * The figures compare tools only if every tool does the same work: each applies the same generated
 * set to SQLite, and each database ends with the same tables, indexes and rows; a second run, what
 * B2 measures, changes nothing.
 */
class SameContentTest {

	private static final int MIGRATIONS = 5;

	private static final int ROWS = 3;

	@TempDir
	static Path work;

	private static ToolContent content;

	@BeforeAll
	static void generate() {
		MigrationTool.quietPeers();
		content = ToolContent.write(GeneratedMigrations.smallTables(MIGRATIONS, ROWS), work.resolve("content"));
	}

	@Test
	void everyToolEndsWithTheSameTablesAndRowsAndASecondRunChangesNothing() throws Exception {
		Map<MigrationTool, List<String>> dumps = new EnumMap<>(MigrationTool.class);
		for (MigrationTool tool : MigrationTool.values()) {
			try (BenchmarkDatabase database = BenchmarkDatabase.create("sqlite", "same_" + tool.name().toLowerCase(), work)) {
				tool.migrate(database, content);
				List<String> applied = dump(database);
				tool.migrate(database, content);
				assertThat(dump(database)).as("%s with nothing pending", tool.id()).isEqualTo(applied);
				dumps.put(tool, applied);
			}
		}
		List<String> migrator = dumps.get(MigrationTool.MIGRATOR);
		assertThat(migrator).contains("table t_0005", "index t_0005_name", "t_0005: 3|row 3 of migration 5|158")
			.hasSize(MIGRATIONS * (2 + ROWS));
		assertThat(dumps).allSatisfy((tool, dump) -> assertThat(dump).as(tool.id()).isEqualTo(migrator));
	}

	@Test
	void everyMigrationIsOneScriptOfTheSameStatements() {
		GeneratedMigrations.Migration third = GeneratedMigrations.smallTables(MIGRATIONS, ROWS).migrations().get(2);
		assertThat(third.statements()).hasSize(2 + ROWS).first().asString().startsWith("CREATE TABLE t_0003 ");
		assertThat(third.script()).endsWith("VALUES (3, 'row 3 of migration 3', 96);\n");
		assertThat(content.migrator().resolve("3_create_t_0003.sql")).hasContent(third.script());
		assertThat(content.flyway().resolve("V3__create_t_0003.sql")).hasContent(third.script());
		assertThat(content.liquibase().resolve(GeneratedMigrations.LIQUIBASE_CHANGELOG)).content()
			.contains("--changeset benchmark:3\n--comment: create t_0003\n" + third.script());
	}

	/** The application's tables, their indexes and rows; no tool's own history tables. */
	private static List<String> dump(BenchmarkDatabase database) throws SQLException {
		List<String> dump = new ArrayList<>();
		try (Connection connection = database.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			List<String> tables = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery("SELECT type, name FROM sqlite_master WHERE tbl_name LIKE 't\\_%'"
					+ " ESCAPE '\\' ORDER BY tbl_name, type DESC, name")) {
				while (rs.next()) {
					dump.add(rs.getString(1) + " " + rs.getString(2));
					if (rs.getString(1).equals("table")) {
						tables.add(rs.getString(2));
					}
				}
			}
			for (String table : tables) {
				try (ResultSet rs = statement.executeQuery("SELECT id, name, amount FROM " + table + " ORDER BY id")) {
					while (rs.next()) {
						dump.add(table + ": " + rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getInt(3));
					}
				}
			}
		}
		return dump;
	}

}
