package dev.migrator.core.internal.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.migrator.core.api.DataLoss;
import dev.migrator.core.internal.dialect.Dialect;
import dev.migrator.core.internal.dialect.TransactionSettings;
import dev.migrator.core.internal.resolve.ResolvedMigration;
import dev.migrator.core.internal.sql.SqlSplitException;
import dev.migrator.core.internal.sql.SqlStatement;

/**
 * Reads a down script for the statements that destroy data (DROP TABLE, ALTER TABLE … DROP
 * COLUMN, DELETE without WHERE) and counts, in the live database, the rows they would take. A
 * table whose rows the script first copies elsewhere ({@code INSERT INTO … SELECT … FROM t}, the
 * table rebuild) is reported as rebuilt, not lost.
 * An estimate: a Java down, or a destructive statement written another way, is not seen.
 */
final class DataLossEstimator {

	private static final String NAME = "((?:\"[^\"]+\"|`[^`]+`|\\[[^\\]]+\\]|[\\w$]+)(?:\\s*\\.\\s*(?:\"[^\"]+\"|`[^`]+`|\\[[^\\]]+\\]|[\\w$]+))?)";

	private static final Pattern DROP_TABLE = Pattern
		.compile("(?is)^DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?" + NAME + "\\s*(?:CASCADE|RESTRICT)?\\s*$");

	private static final Pattern DROP_COLUMN = Pattern
		.compile("(?is)^ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?" + NAME + "\\s+DROP\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?" + NAME + ".*$");

	private static final Pattern DELETE_ALL = Pattern.compile("(?is)^DELETE\\s+FROM\\s+" + NAME + "\\s*$");

	/** {@code INSERT INTO new … SELECT … FROM old}: the copy step of a table rebuild. */
	private static final Pattern COPY_FROM = Pattern
		.compile("(?is)^INSERT\\s+INTO\\s+" + NAME + "(?![\\w$]).*?\\bSELECT\\b.*?\\bFROM\\s+" + NAME + "(?![\\w$]).*$");

	private final Connection connection;

	private final Dialect dialect;

	private final TransactionSettings settings;

	/**
	 * @param settings what the downs would run with: the counts resolve names as they would (the
	 * schema first in PostgreSQL's search_path)
	 */
	DataLossEstimator(Connection connection, Dialect dialect, TransactionSettings settings) {
		this.connection = connection;
		this.dialect = dialect;
		this.settings = settings;
	}

	DataLoss estimate(ResolvedMigration migration) {
		List<String> effects = new ArrayList<>();
		long rows = 0;
		if (migration.java() != null) {
			effects.add("runs a Java down(), whose data loss cannot be estimated");
			return new DataLoss(migration.version(), effects, 0);
		}
		List<SqlStatement> statements;
		try {
			statements = ScriptStatements.all(this.dialect.splitter(), migration.down());
		}
		catch (SqlSplitException | IOException | UncheckedIOException ex) {
			return new DataLoss(migration.version(), List.of("cannot be read: " + ex.getMessage()), 0);
		}
		Set<String> copied = new HashSet<>();
		for (SqlStatement statement : statements) {
			String sql = statement.sql();
			Matcher m;
			if ((m = COPY_FROM.matcher(sql)).matches()) {
				copied.add(unquote(m.group(2)).toLowerCase(Locale.ROOT));
			}
			else if ((m = DROP_TABLE.matcher(sql)).matches()) {
				long count = count("SELECT count(*) FROM " + name(m.group(1)));
				if (copied.contains(unquote(m.group(1)).toLowerCase(Locale.ROOT))) {
					// a rebuild: the rows were copied into the new table before the old one goes
					effects.add("rebuilds table " + unquote(m.group(1)) + " (" + rows(count) + " copied)");
				}
				else {
					effects.add("drops table " + unquote(m.group(1)) + " (" + rows(count) + ")");
					rows += Math.max(count, 0);
				}
			}
			else if ((m = DROP_COLUMN.matcher(sql)).matches()) {
				long count = count("SELECT count(*) FROM " + name(m.group(1)) + " WHERE " + name(m.group(2)) + " IS NOT NULL");
				effects.add("drops column " + unquote(m.group(1)) + "." + unquote(m.group(2)) + " (" + values(count) + ")");
				rows += Math.max(count, 0);
			}
			else if ((m = DELETE_ALL.matcher(sql)).matches()) {
				long count = count("SELECT count(*) FROM " + name(m.group(1)));
				effects.add("deletes every row of " + unquote(m.group(1)) + " (" + rows(count) + ")");
				rows += Math.max(count, 0);
			}
		}
		return new DataLoss(migration.version(), effects, rows);
	}

	/**
	 * -1 when the table or column does not exist (yet): nothing to lose there. Each count is a
	 * transaction of its own, rolled back, with the settings the downs would have (or, inside a dry
	 * run's transaction, a savepoint): so names resolve as the downs' would, nothing of it outlives the
	 * look (not even behind a pooler), and a failed look cannot end a dry run's transaction, as
	 * PostgreSQL does at a transaction's first error.
	 */
	private long count(String sql) {
		boolean ownTransaction;
		Savepoint savepoint = null;
		try {
			ownTransaction = this.connection.getAutoCommit();
			if (ownTransaction) {
				this.connection.setAutoCommit(false);
			}
			else {
				savepoint = this.connection.setSavepoint();
			}
		}
		catch (SQLException ex) {
			return -1;
		}
		try {
			this.dialect.transactionHooks(this.settings).afterBegin(this.connection);
			try (Statement statement = this.connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
				return rs.next() ? rs.getLong(1) : 0;
			}
		}
		catch (SQLException ex) {
			return -1;
		}
		finally {
			end(ownTransaction, savepoint);
		}
	}

	private void end(boolean ownTransaction, Savepoint savepoint) {
		try {
			if (ownTransaction) {
				this.connection.rollback();
				this.connection.setAutoCommit(true);
			}
			else {
				this.connection.rollback(savepoint);
			}
		}
		catch (SQLException ex) {
			// the count is an estimate; the rollback's own statements will say if the connection is gone
		}
	}

	/** Re-quotes each part of a possibly qualified name the dialect's way. */
	private String name(String raw) {
		List<String> parts = new ArrayList<>();
		for (String part : raw.split("\\s*\\.\\s*(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
			parts.add(this.dialect.quote(unquote(part)));
		}
		return String.join(".", parts);
	}

	private static String unquote(String name) {
		String trimmed = name.strip();
		if (trimmed.length() >= 2 && "\"`[".indexOf(trimmed.charAt(0)) >= 0) {
			return trimmed.substring(1, trimmed.length() - 1);
		}
		return trimmed;
	}

	private static String rows(long count) {
		if (count < 0) {
			return "not there now";
		}
		return NumberFormat.getIntegerInstance(Locale.ROOT).format(count) + (count == 1 ? " row" : " rows");
	}

	private static String values(long count) {
		if (count < 0) {
			return "not there now";
		}
		return NumberFormat.getIntegerInstance(Locale.ROOT).format(count) + (count == 1 ? " value" : " values");
	}

}
