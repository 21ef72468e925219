package dev.migrator.core.internal.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationContext;
import dev.migrator.core.internal.dialect.Dialect;
import dev.migrator.core.internal.resolve.Prerequisites;
import dev.migrator.core.internal.resolve.ResolvedMigration;
import dev.migrator.core.internal.resolve.SqlScript;
import dev.migrator.core.internal.sql.SqlSplitException;
import dev.migrator.core.internal.sql.SqlStatement;
import dev.migrator.core.internal.sql.TransactionControl;

/**
 * Runs one migration's up, down or verify on a connection. Transactions are the caller's: this
 * only executes, turns every failure into a {@link StepFailure} that says where, and keeps the
 * {@link Progress} of the last up or down: which statements ran, and which of them the database
 * committed.
 * <p>
 * Where DDL is not transactional (MySQL, MariaDB) a DDL statement commits everything before it, so
 * a failure can leave a migration half-applied that its transaction cannot undo. Which statements
 * were committed is not guessed from the SQL: a named savepoint is set before each statement, and a
 * commit (explicit, or implied by DDL) deletes every savepoint there is. So when something fails,
 * while the transaction is still open, the savepoints still there tell where the last commit was:
 * "still there" holds from some statement on and not before it, which a binary search over the
 * savepoints finds in a few steps. A successful migration asks nothing, so it sees no errors. Plain
 * JDBC, the same on every database.
 */
final class MigrationExecutor {

	private static final Logger logger = LoggerFactory.getLogger(MigrationExecutor.class);

	/** Statement lines shown in a message; a script of hundreds of statements lists the first ones. */
	private static final int LINES_SHOWN = 20;

	private final Connection connection;

	private final Dialect dialect;

	// the migration whose script runs, for the database's messages (null for a lone script)
	private dev.migrator.core.api.MigrationVersion running;

	private final boolean probeCommits;

	private Progress progress = Progress.NONE;

	/** The dialect's token for the transaction the current migration started in, or null. */
	private Object transactionMark;

	/** The savepoint set before each statement of the current up or down, in order. */
	private final List<Savepoint> marks = new ArrayList<>();

	MigrationExecutor(Connection connection, Dialect dialect) {
		this.connection = connection;
		this.dialect = dialect;
		this.probeCommits = !dialect.transactionalDdl();
	}

	/**
	 * Evaluates the migration's {@code -- migrator:precondition} queries in its transaction, before
	 * its first statement, in order.
	 * @return null when every one holds, or why the first false one marked on-fail=skip was false
	 * @throws StepFailure for a false one marked on-fail=refuse (the default), or a query that fails
	 */
	String preconditions(ResolvedMigration migration) throws StepFailure {
		this.progress = new Progress(migration.script(), List.of(), 0, 0, false, false);
		for (Prerequisites.Precondition precondition : migration.prerequisites().preconditions()) {
			String where = "precondition " + precondition.query();
			Object answer;
			try (Statement statement = this.connection.createStatement()) {
				if (!statement.execute(precondition.query())) {
					throw new StepFailure(migration.script(), precondition.line(),
							"a precondition must be a query returning true or non-zero: " + precondition.query(), null);
				}
				try (ResultSet rs = statement.getResultSet()) {
					answer = rs.next() ? rs.getObject(1) : null;
				}
			}
			catch (SQLException ex) {
				throw new StepFailure(migration.script(), precondition.line(), where + " failed: " + ex.getMessage()
						+ "; nothing of the migration ran", ex);
			}
			if (isTrue(answer)) {
				continue;
			}
			String wasFalse = where + " was false (it returned " + ((answer == null) ? "no row or null" : answer) + ")";
			if (precondition.skipOnFail()) {
				return wasFalse;
			}
			throw new StepFailure(migration.script(), precondition.line(), wasFalse + "; nothing of the migration ran."
					+ " Make the database meet it and migrate again, or mark the line on-fail=skip to record the"
					+ " migration applied without running it", null);
		}
		return null;
	}

	void up(ResolvedMigration migration) throws StepFailure {
		markTransaction();
		try {
			if (migration.java() != null) {
				runJava(migration.java(), false);
			}
			else {
				this.running = migration.version();
				runSql(migration.up());
			}
		}
		catch (StepFailure failure) {
			throw endedOr(failure);
		}
		requireOwnTransaction();
	}

	void down(ResolvedMigration migration) throws StepFailure {
		markTransaction();
		try {
			if (migration.java() != null) {
				runJava(migration.java(), true);
			}
			else {
				this.running = migration.version();
				runSql(migration.down());
			}
		}
		catch (StepFailure failure) {
			throw endedOr(failure);
		}
		requireOwnTransaction();
	}

	/** Notes which transaction the migration starts in; none in auto-commit (a no-transaction migration). */
	private void markTransaction() throws StepFailure {
		try {
			this.transactionMark = this.connection.getAutoCommit() ? null : this.dialect.transactionMark(this.connection);
		}
		catch (SQLException ex) {
			throw new StepFailure("transaction", 0, "could not read the transaction's id: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Fails when the migration ended the transaction it was started in, before the caller commits
	 * its history row in whatever transaction is open now.
	 */
	private void requireOwnTransaction() throws StepFailure {
		if (this.transactionMark == null) {
			return;
		}
		boolean same;
		try {
			same = this.dialect.sameTransaction(this.connection, this.transactionMark);
		}
		catch (SQLException ex) {
			throw new StepFailure(this.progress.script(), 0, "could not check that the migration's transaction is still"
					+ " open (" + ex.getMessage() + "); treat what it did as possibly committed", ex);
		}
		if (!same) {
			throw ended();
		}
	}

	/** The failure of a migration that ended its transaction; its progress says so. */
	private StepFailure ended() {
		Progress current = this.progress;
		this.progress = new Progress(current.script(), current.lines(), current.ran(), current.ran(), current.java(), true);
		this.transactionMark = null;
		return new StepFailure(current.script(), 0, (current.java() ? "the Java migration" : "the script")
				+ " ended the transaction the engine had opened for it (a COMMIT, ROLLBACK or auto-commit switch run"
				+ " on the connection, past the engine's guard), so it cannot be committed together with its history"
				+ " row; remove that transaction control: the engine commits when the migration returns, and rolls"
				+ " back when it throws", null, true);
	}

	/**
	 * A failure of a migration that had also ended its transaction says that, which matters more.
	 * Where the check cannot run (PostgreSQL answers nothing in a transaction an error aborted) the
	 * failure is left as it is.
	 */
	private StepFailure endedOr(StepFailure failure) {
		try {
			if (this.transactionMark == null || this.dialect.sameTransaction(this.connection, this.transactionMark)) {
				return failure;
			}
		}
		catch (SQLException unknown) {
			return failure;
		}
		StepFailure ended = ended();
		return new StepFailure(failure.script(), failure.line(), failure.reason() + "; and " + ended.reason(),
				failure.getCause(), true);
	}

	/** What the last up or down left behind, whether it failed or not. */
	Progress progress() {
		return this.progress;
	}

	/**
	 * Runs the verify queries; a false, zero, null or empty answer fails, and then what the up left
	 * committed is worked out while its transaction is still open.
	 */
	void verify(ResolvedMigration migration) throws StepFailure {
		try {
			runVerify(migration);
		}
		catch (StepFailure failure) {
			settle();
			throw endedOr(failure);
		}
		requireOwnTransaction();
	}

	private void runVerify(ResolvedMigration migration) throws StepFailure {
		if (migration.java() != null) {
			boolean ok;
			try {
				ok = migration.java().verify(context(migration.java()));
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
			return ScriptStatements.all(this.dialect.splitter(), script);
		}
		catch (SqlSplitException ex) {
			throw new StepFailure(script.name(), ex.line(), ex.getMessage(), ex);
		}
		catch (IOException | UncheckedIOException ex) {
			throw unreadable(script, ex);
		}
	}

	/**
	 * Splits a script to the end without keeping its statements, the check before a run, and
	 * returns its transaction control.
	 */
	ScriptTransactions check(SqlScript script) throws StepFailure {
		ScriptTransactions transactions = new ScriptTransactions();
		try (ScriptStatements statements = ScriptStatements.open(this.dialect.splitter(), script)) {
			while (statements.hasNext()) {
				transactions.add(statements.next());
			}
			return transactions;
		}
		catch (SqlSplitException ex) {
			throw new StepFailure(script.name(), ex.line(), ex.getMessage(), ex);
		}
		catch (IOException | UncheckedIOException ex) {
			throw unreadable(script, ex);
		}
	}

	private static StepFailure unreadable(SqlScript script, Exception ex) {
		Throwable cause = (ex instanceof UncheckedIOException unchecked) ? unchecked.getCause() : ex;
		return new StepFailure(script.name(), 0, "could not read the script (" + cause.getMessage()
				+ "); check that the file is there, readable and valid UTF-8", ex);
	}

	/**
	 * Runs a script's statements as they are split, so a large script holds one statement at a time.
	 * The lines of the statements not run are read after a failure, for the report.
	 */
	private void runSql(SqlScript script) throws StepFailure {
		this.marks.clear();
		this.progress = new Progress(script.name(), List.of(), 0, 0, false, false);
		ScriptStatements.Lines lines = new ScriptStatements.Lines();
		int ran = 0;
		try (ScriptStatements statements = ScriptStatements.open(this.dialect.splitter(), script);
				Statement statement = this.connection.createStatement()) {
			// with auto-commit on (a no-transaction migration) every statement commits as it ends
			boolean autoCommit = this.connection.getAutoCommit();
			boolean marking = this.probeCommits && !autoCommit;
			boolean first = true;
			boolean wrapperOpened = false;
			while (statements.hasNext()) {
				SqlStatement sql = statements.next();
				if (!autoCommit && sql.control().controls()) {
					// validation let through only an outer BEGIN ... COMMIT; it is the engine's transaction already
					if (first && sql.control() == TransactionControl.BEGIN) {
						wrapperOpened = true;
						first = false;
						logger.debug("Skipping {}:{}: the script's BEGIN is the migration's own transaction", script.name(),
								sql.line());
						continue;
					}
					if (wrapperOpened && sql.control() == TransactionControl.COMMIT && !statements.hasNext()) {
						logger.debug("Skipping {}:{}: the script's COMMIT is the engine's", script.name(), sql.line());
						continue;
					}
					// the file changed after validation, or a caller skipped it: never let it end the transaction
					statements.drainLinesInto(lines);
					throw new StepFailure(script.name(), sql.line(), "'" + ScriptTransactions.words(sql) + "' would end the"
							+ " migration's transaction; it was not run. Split the file into one migration per transaction,"
							+ " or mark it -- migrator:no-transaction.", null);
				}
				first = false;
				lines.add(sql.line());
				logger.debug("Executing {}:{}: {}", script.name(), sql.line(), sql.sql());
				if (marking) {
					this.marks.add(this.connection.setSavepoint("migrator_before_statement_" + (ran + 1)));
				}
				try {
					statement.execute(sql.sql());
					ServerMessages.log(statement, this.running, script.name(), sql.line());
				}
				catch (SQLException ex) {
					statements.drainLinesInto(lines);
					this.progress = new Progress(script.name(), lines, ran, autoCommit ? ran : 0, false, false);
					settle();
					throw new StepFailure(script.name(), sql.line(), ex.getMessage(), ex);
				}
				ran++;
				this.progress = new Progress(script.name(), lines, ran, autoCommit ? ran : (marking ? Progress.UNKNOWN : 0),
						false, false);
			}
		}
		catch (SqlSplitException ex) {
			// a script checked before the run that no longer splits: it changed on disk while running
			this.progress = new Progress(script.name(), lines, ran, this.progress.committed(), false, false);
			throw new StepFailure(script.name(), ex.line(), ex.getMessage(), ex);
		}
		catch (IOException | UncheckedIOException ex) {
			this.progress = new Progress(script.name(), lines, ran, this.progress.committed(), false, false);
			throw unreadable(script, ex);
		}
		catch (SQLException ex) {
			throw new StepFailure(script.name(), 0, ex.getMessage(), ex);
		}
	}

	/**
	 * Works out how many of the first statements the database committed, from the savepoints still
	 * there; only while the transaction is open, before anything rolls it back. Asks at most about
	 * log2(statements) + 1 times; each savepoint found gone is one error the driver may log.
	 */
	private void settle() {
		if (this.marks.isEmpty()) {
			return;
		}
		// the first mark still there; the statements before it were committed
		int low = 0;
		int high = this.marks.size();
		while (low < high) {
			int middle = (low + high) >>> 1;
			if (stillThere(this.marks.get(middle))) {
				high = middle;
			}
			else {
				low = middle + 1;
			}
		}
		Progress current = this.progress;
		// a failed statement may have committed those before it, never itself
		int committed = current.java() ? low : Math.min(low, current.ran());
		this.progress = new Progress(current.script(), current.lines(), current.ran(), committed, current.java(),
				current.ended());
		this.marks.clear();
	}

	/**
	 * Whether the savepoint exists, releasing it (and, on MySQL, those set after it, which the
	 * search never asks about again). Unknown counts as gone, that is committed: the caller then
	 * restores the backup, which is never wrong.
	 */
	private boolean stillThere(Savepoint mark) {
		try {
			return this.dialect.savepointStillThere(this.connection, mark);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	private void runJava(JavaMigration java, boolean down) throws StepFailure {
		String name = java.getClass().getName();
		this.marks.clear();
		this.progress = new Progress(name, List.of(), 0, 0, true, false);
		try {
			boolean marking = this.probeCommits && !this.connection.getAutoCommit();
			if (marking) {
				this.marks.add(this.connection.setSavepoint("migrator_before_java_migration"));
			}
			try {
				if (down) {
					java.down(context(java));
				}
				else {
					java.up(context(java));
				}
			}
			catch (Exception ex) {
				settle();
				throw new StepFailure(name, 0, (down ? "down()" : "up()") + " threw " + ex, ex);
			}
			this.progress = new Progress(name, List.of(), 1, marking ? Progress.UNKNOWN : 0, true, false);
		}
		catch (SQLException ex) {
			throw new StepFailure(name, 0, ex.getMessage(), ex);
		}
	}

	private MigrationContext context(JavaMigration java) {
		Connection guarded = MigrationConnection.of(this.connection, java.getClass().getName());
		return () -> guarded;
	}

	/**
	 * What an up or down left behind.
	 * @param script the script, or the Java migration's class
	 * @param lines the first line of each of the script's statements, in order; empty for Java
	 * @param ran how many statements succeeded; if the step failed in the script, statement
	 * {@code ran + 1} is the one that failed. For Java, 1 if its method returned.
	 * @param committed how many of the first statements the database committed for good: always the
	 * first ones, since a commit takes everything before it. For Java, 1 if it committed anything.
	 * {@link #UNKNOWN} after a failure that came when the statements were done and was not the
	 * executor's to look into (a pre-commit check, the history row).
	 * @param java whether this was a Java migration, whose statements are not known one by one
	 * @param ended whether the migration ended the engine's transaction itself (a COMMIT past every
	 * guard): what ran before that was committed, whatever the rollback did after
	 */
	record Progress(String script, List<Integer> lines, int ran, int committed, boolean java, boolean ended) {

		static final int UNKNOWN = -1;

		static final Progress NONE = new Progress("", List.of(), 0, 0, false, false);

		/** Whether anything of it may have stayed in the database, beyond the reach of a rollback. */
		boolean leftChanges() {
			return this.committed != 0 || this.ended;
		}

		/**
		 * One sentence of facts, e.g. "statements 1-3 of 5 (lines 1, 4, 9) ran and were committed by
		 * the database; statement 4 (line 12) failed; statement 5 (line 15) did not run".
		 */
		String describe() {
			if (this.ended) {
				if (this.java) {
					return "its Java code ended the engine's transaction itself, so what it did before that was committed,"
							+ " and what it did after ran outside the engine's transaction (on some databases committed as it"
							+ " ran)";
				}
				int total = this.lines.size();
				return "its transaction was ended while it ran, so " + ((this.ran == 0) ? "what ran before its first statement"
						: range(1, this.ran) + " of " + total + " " + linesOf(1, this.ran)) + " may have been committed";
			}
			if (this.committed == UNKNOWN) {
				return "it had run to its end; which of its statements the database had committed is not known, since "
						+ "the failure came after them";
			}
			if (this.java) {
				return leftChanges() ? "its Java code had committed part of its work when it ended (what it did after its "
						+ "last commit was rolled back)" : "its Java code committed nothing";
			}
			int total = this.lines.size();
			List<String> parts = new ArrayList<>();
			parts.add((this.committed == 0) ? "no statement of it was committed"
					: range(1, this.committed) + " of " + total + " " + linesOf(1, this.committed) + " ran and "
							+ ((this.committed == 1) ? "was" : "were") + " committed by the database");
			if (this.ran > this.committed) {
				parts.add(range(this.committed + 1, this.ran) + " " + linesOf(this.committed + 1, this.ran)
						+ " ran after the last commit and " + ((this.ran - this.committed == 1) ? "was" : "were")
						+ " rolled back");
			}
			if (this.ran < total) {
				parts.add(range(this.ran + 1, this.ran + 1) + " " + linesOf(this.ran + 1, this.ran + 1) + " failed");
				if (this.ran + 1 < total) {
					parts.add(range(this.ran + 2, total) + " " + linesOf(this.ran + 2, total) + " did not run");
				}
			}
			else if (total > 0) {
				parts.add("the failure came after its last statement");
			}
			return String.join("; ", parts);
		}

		private static String range(int first, int last) {
			return (first == last) ? "statement " + first : "statements " + first + "–" + last;
		}

		/** {@code (line 12)}, {@code (lines 1, 4, 9)}: 1-based statement numbers, inclusive. */
		private String linesOf(int first, int last) {
			List<Integer> shown = this.lines.subList(first - 1, Math.min(last, first - 1 + LINES_SHOWN));
			String list = shown.stream().map(String::valueOf).collect(Collectors.joining(", "));
			return "(" + ((first == last) ? "line " : "lines ") + list + ((last - first + 1 > shown.size()) ? ", …" : "")
					+ ")";
		}

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
