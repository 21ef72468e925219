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

import dev.migrator.core.api.DataLoss;
import dev.migrator.core.internal.dialect.Dialect;
import dev.migrator.core.internal.dialect.TransactionSettings;
import dev.migrator.core.internal.resolve.ResolvedMigration;
import dev.migrator.core.internal.sql.SqlSplitException;
import dev.migrator.core.internal.sql.SqlStatement;
import dev.migrator.core.internal.sql.StatementWords;

/**
 * Reads a down script, statement by statement, with the dialect's tokenizer (so comments, quotes
 * and qualified names are understood, not matched as text) for what destroys data ({@link
 * DownStatement}) and counts, in the live database, the rows it would take. A table whose rows the
 * script first copies elsewhere ({@code INSERT INTO … SELECT … FROM t}, the table rebuild) is
 * reported as rebuilt, not lost. A statement that can destroy data in a form the reader does not
 * fully parse is reported as "may lose data", never as nothing.
 * An estimate all the same: a Java down is not seen into.
 */
final class DataLossEstimator {

	private final Connection connection;

	private final Dialect dialect;

	private final TransactionSettings settings;

	private final StatementWords words;

	/**
	 * @param settings what the downs would run with: the counts resolve names as they would (the
	 * schema first in PostgreSQL's search_path)
	 */
	DataLossEstimator(Connection connection, Dialect dialect, TransactionSettings settings) {
		this.connection = connection;
		this.dialect = dialect;
		this.settings = settings;
		this.words = new StatementWords(dialect.splitter());
	}

	DataLoss estimate(ResolvedMigration migration) {
		List<String> effects = new ArrayList<>();
		long rows = 0;
		boolean unestimated = false;
		if (migration.java() != null) {
			effects.add("runs a Java down(), whose data loss cannot be estimated");
			return new DataLoss(migration.version(), effects, 0);
		}
		List<SqlStatement> statements;
		try {
			statements = ScriptStatements.all(this.dialect.splitter(), migration.down());
		}
		catch (SqlSplitException | IOException | UncheckedIOException ex) {
			return new DataLoss(migration.version(), List.of("may lose data: cannot be read: " + ex.getMessage()), 0,
					true);
		}
		Set<String> copied = new HashSet<>();
		for (SqlStatement statement : statements) {
			DownStatement read = DownStatement.of(this.words.read(statement.sql()), this.words);
			if (read instanceof DownStatement.Copy copy) {
				copied.add(copy.source().key());
			}
			else if (read instanceof DownStatement.DropTables drop) {
				for (DownStatement.Name table : drop.tables()) {
					long count = count("SELECT count(*) FROM " + sql(table));
					if (copied.contains(table.key())) {
						// a rebuild: the rows were copied into the new table before the old one goes
						effects.add("rebuilds table " + table.display() + " (" + rows(count) + " copied)");
					}
					else {
						effects.add("drops table " + table.display() + " (" + rows(count) + ")");
						rows += Math.max(count, 0);
					}
				}
			}
			else if (read instanceof DownStatement.EmptyTables empty) {
				for (DownStatement.Name table : empty.tables()) {
					long count = count("SELECT count(*) FROM " + sql(table));
					effects.add(empty.verb() + " " + table.display() + " (" + rows(count) + ")");
					rows += Math.max(count, 0);
				}
			}
			else if (read instanceof DownStatement.OverwriteRows update) {
				long count = count("SELECT count(*) FROM " + sql(update.table()));
				effects.add("overwrites every row of " + update.table().display() + " (" + rows(count) + ")");
				rows += Math.max(count, 0);
			}
			else if (read instanceof DownStatement.DropColumns drop) {
				for (DownStatement.Name column : drop.columns()) {
					long count = count("SELECT count(*) FROM " + sql(drop.table()) + " WHERE " + sql(column)
							+ " IS NOT NULL");
					effects.add("drops column " + drop.table().display() + "." + column.display() + " ("
							+ values(count) + ")");
					rows += Math.max(count, 0);
				}
			}
			else if (read instanceof DownStatement.Unknown unknown) {
				effects.add("may lose data: " + migration.down().name() + ":" + statement.line() + " "
						+ head(statement.sql()) + " (" + unknown.why() + ")");
				unestimated = true;
			}
		}
		return new DataLoss(migration.version(), effects, rows, unestimated);
	}

	/** The statement's start on one line, for a report. */
	private static String head(String sql) {
		String oneLine = sql.replaceAll("\\s+", " ").strip();
		return (oneLine.length() <= 60) ? oneLine : oneLine.substring(0, 57) + "...";
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

	/** A name as the script wrote it: quoted parts re-quoted the dialect's way, the others left to fold as they did. */
	private String sql(DownStatement.Name name) {
		List<String> parts = new ArrayList<>();
		for (int i = 0; i < name.parts().size(); i++) {
			String part = name.parts().get(i);
			parts.add(name.quoted().get(i) ? this.dialect.quote(part) : part);
		}
		return String.join(".", parts);
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
