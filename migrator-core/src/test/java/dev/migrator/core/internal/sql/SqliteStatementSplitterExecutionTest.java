package dev.migrator.core.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The split statements are what SQLite itself accepts, one JDBC call each. */
class SqliteStatementSplitterExecutionTest {

	private static final String SCRIPT = """
            -- schema; with a comment that holds 'quotes'
            CREATE TABLE scores (id INTEGER PRIMARY KEY, points INTEGER, "grade;" TEXT, [begin_date] TEXT);
            CREATE TABLE audit (what TEXT);

            CREATE TEMP TRIGGER grade_scores AFTER INSERT ON scores
            WHEN CASE WHEN NEW.points IS NULL THEN 0 ELSE 1 END
            BEGIN
              UPDATE scores SET "grade;" = CASE WHEN NEW.points >= 90 THEN 'A;' ELSE 'B' END WHERE id = NEW.id;
              INSERT INTO audit (what) VALUES ('graded ' || NEW.id || '; it''s done');
            END;

            BEGIN TRANSACTION;
            INSERT INTO scores (points, begin_date) VALUES (95, '2024-01-01');
            INSERT INTO scores (points) VALUES (50) /* trailing; comment */;
            COMMIT
            """;

	@Test
	void everySplitStatementRunsInSqlite() throws SQLException {
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
				Statement jdbc = connection.createStatement()) {
			for (SqlStatement statement : new SqliteStatementSplitter().split(SCRIPT)) {
				jdbc.execute(statement.sql());
			}
			try (ResultSet grades = jdbc.executeQuery("SELECT \"grade;\" FROM scores ORDER BY id")) {
				assertThat(grades.next()).isTrue();
				assertThat(grades.getString(1)).isEqualTo("A;");
				assertThat(grades.next()).isTrue();
				assertThat(grades.getString(1)).isEqualTo("B");
			}
			try (ResultSet audit = jdbc.executeQuery("SELECT count(*) FROM audit WHERE what LIKE '%it''s done'")) {
				assertThat(audit.next()).isTrue();
				assertThat(audit.getInt(1)).isEqualTo(2);
			}
		}
	}
}
