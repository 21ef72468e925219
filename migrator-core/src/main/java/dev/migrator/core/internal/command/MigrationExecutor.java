package dev.migrator.core.internal.command;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationContext;
import dev.migrator.core.internal.dialect.Dialect;
import dev.migrator.core.internal.resolve.ResolvedMigration;
import dev.migrator.core.internal.resolve.SqlScript;
import dev.migrator.core.internal.sql.SqlSplitException;
import dev.migrator.core.internal.sql.SqlStatement;

/**
 * Runs one migration's up, down or verify on a connection. Transactions are the caller's: this
 * only executes, and turns every failure into a {@link StepFailure} that says where.
 */
final class MigrationExecutor {

	private static final Logger logger = LoggerFactory.getLogger(MigrationExecutor.class);

	private final Connection connection;

	private final Dialect dialect;

	MigrationExecutor(Connection connection, Dialect dialect) {
		this.connection = connection;
		this.dialect = dialect;
	}

	void up(ResolvedMigration migration) throws StepFailure {
		if (migration.java() != null) {
			runJava(migration.java(), false);
		}
		else {
			runSql(migration.up());
		}
	}

	void down(ResolvedMigration migration) throws StepFailure {
		if (migration.java() != null) {
			runJava(migration.java(), true);
		}
		else {
			runSql(migration.down());
		}
	}

	/** Runs the verify queries; a false, zero, null or empty answer fails. */
	void verify(ResolvedMigration migration) throws StepFailure {
		if (migration.java() != null) {
			boolean ok;
			try {
				ok = migration.java().verify(context());
			}
			catch (Exception ex) {
				throw new StepFailure(migration.script(), 0, "verify() threw " + ex, ex);
			}
			if (!ok) {
				throw new StepFailure(migration.script(), 0,
						"verify() returned false; the migration was rolled back", null);
			}
			return;
		}
		SqlScript verify = migration.verify();
		if (verify == null) {
			return;
		}
		try (Statement statement = this.connection.createStatement()) {
			for (SqlStatement query : split(verify)) {
				logger.debug("Verifying {}:{}: {}", verify.name(), query.line(), query.sql());
				Object answer;
				try {
					if (!statement.execute(query.sql())) {
						throw new StepFailure(verify.name(), query.line(),
								"a verify statement must be a query returning true or non-zero: " + query.sql(), null);
					}
					try (ResultSet rs = statement.getResultSet()) {
						answer = rs.next() ? rs.getObject(1) : null;
					}
				}
				catch (SQLException ex) {
					throw new StepFailure(verify.name(), query.line(), ex.getMessage(), ex);
				}
				if (!isTrue(answer)) {
					throw new StepFailure(verify.name(), query.line(),
							"verify query returned " + (answer == null ? "no row or null" : answer) + ": " + query.sql(),
							null);
				}
			}
		}
		catch (SQLException ex) {
			throw new StepFailure(verify.name(), 0, ex.getMessage(), ex);
		}
	}

	/** The statements of a script; malformed SQL (an unterminated quote) fails with its line. */
	List<SqlStatement> split(SqlScript script) throws StepFailure {
		try {
			return this.dialect.splitter().split(script.sql(), script.firstLine());
		}
		catch (SqlSplitException ex) {
			throw new StepFailure(script.name(), ex.line(), ex.getMessage(), ex);
		}
	}

	private void runSql(SqlScript script) throws StepFailure {
		List<SqlStatement> statements = split(script);
		try (Statement statement = this.connection.createStatement()) {
			for (SqlStatement sql : statements) {
				logger.debug("Executing {}:{}: {}", script.name(), sql.line(), sql.sql());
				try {
					statement.execute(sql.sql());
				}
				catch (SQLException ex) {
					throw new StepFailure(script.name(), sql.line(), ex.getMessage(), ex);
				}
			}
		}
		catch (SQLException ex) {
			throw new StepFailure(script.name(), 0, ex.getMessage(), ex);
		}
	}

	private void runJava(JavaMigration java, boolean down) throws StepFailure {
		try {
			if (down) {
				java.down(context());
			}
			else {
				java.up(context());
			}
		}
		catch (Exception ex) {
			throw new StepFailure(java.getClass().getName(), 0, (down ? "down()" : "up()") + " threw " + ex, ex);
		}
	}

	private MigrationContext context() {
		return () -> this.connection;
	}

	static boolean isTrue(Object answer) {
		if (answer instanceof Boolean bool) {
			return bool;
		}
		if (answer instanceof Number number) {
			return new BigDecimal(number.toString()).signum() != 0;
		}
		if (answer instanceof String text) {
			String value = text.strip();
			if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("t")) {
				return true;
			}
			try {
				return new BigDecimal(value).signum() != 0;
			}
			catch (NumberFormatException ex) {
				return false;
			}
		}
		return false;
	}

}
