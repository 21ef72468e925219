package dev.migrator.core.internal.dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.migrator.core.testing.PostgresServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-batch put-back of a PostgreSQL session's settings ({@code RESET ALL} and the settings as
 * dollar-quoted literals) succeeds by itself, without the step-by-step fallback, for values that
 * look like SQL, and whatever {@code standard_conforming_strings} a migration left; in a
 * transaction and out of one.
 */
class PostgresSessionStateBatchTest {

	private static final String ODD = "it's $m$ a\\b; $m0$ 'x' $$";

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void settingsThatLookLikeSqlGoBackInOneBatch(boolean inTransaction) throws Exception {
		String schema = PostgresServer.newSchema("batch");
		try (Connection connection = PostgresServer.connect(schema); Statement statement = connection.createStatement()) {
			statement.execute("SET application_name = '" + ODD.replace("'", "''") + "'");
			statement.execute("SET statement_timeout = '42s'");
			PostgresSessionState lent = PostgresSessionState.of(connection);
			connection.setAutoCommit(!inTransaction);
			statement.execute("SET standard_conforming_strings = off");
			statement.execute("SET application_name = 'changed'");
			statement.execute("SET statement_timeout = '7s'");
			statement.execute("SET work_mem = '9MB'");
			assertThat(lent.readAndResetSettings(connection, inTransaction)).as("the batch, not its fallback").isNotNull();
			if (inTransaction) {
				connection.commit();
			}
			try (ResultSet rs = statement.executeQuery("SELECT current_setting('application_name'),"
					+ " current_setting('statement_timeout'), current_setting('work_mem'),"
					+ " current_setting('standard_conforming_strings')")) {
				rs.next();
				assertThat(rs.getString(1)).isEqualTo(ODD);
				assertThat(rs.getString(2)).isEqualTo("42s");
				assertThat(rs.getString(3)).isEqualTo("4MB");
				assertThat(rs.getString(4)).isEqualTo("on");
			}
		}
	}

}
