package dev.migrator.core.internal.command;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.migrator.core.internal.sql.SqlStatement;
import dev.migrator.core.internal.sql.TransactionControl;

/**
 * The statements of one script that control a transaction, as its dialect's splitter classified
 * them, and whether they are just one outer {@code BEGIN ... COMMIT} wrapper: the first statement
 * starts a transaction, the last commits it, and nothing else controls one. Such a wrapper becomes
 * the migration's own transaction; anything else would commit or lose part of a transactional
 * migration behind the engine's back, and is refused before the run.
 */
final class ScriptTransactions {

	/** Lines listed in one message; a dump with thousands of COMMITs lists the first ones and counts the rest. */
	private static final int SHOWN = 30;

	private final List<SqlStatement> controls = new ArrayList<>();

	private int controlCount;

	private final List<SqlStatement> outsideOnly = new ArrayList<>();

	private int outsideOnlyCount;

	private int statementCount;

	private SqlStatement first;

	private SqlStatement last;

	void add(SqlStatement statement) {
		if (this.first == null) {
			this.first = statement;
		}
		this.last = statement;
		this.statementCount++;
		if (statement.control() == TransactionControl.OUTSIDE_ONLY) {
			this.outsideOnlyCount++;
			if (this.outsideOnly.size() < SHOWN) {
				this.outsideOnly.add(statement);
			}
		}
		if (statement.control().controls()) {
			this.controlCount++;
			if (this.controls.size() < SHOWN) {
				this.controls.add(statement);
			}
		}
	}

	/** Whether the script's only transaction control is one BEGIN first and one COMMIT last. */
	boolean wrapped() {
		return this.controlCount == 2 && this.first != this.last && this.controls.get(0) == this.first
				&& this.first.control() == TransactionControl.BEGIN && this.controls.get(1) == this.last
				&& this.last.control() == TransactionControl.COMMIT;
	}

	/**
	 * Whether every statement is one that cannot run in a transaction ({@code CREATE INDEX
	 * CONCURRENTLY}, {@code VACUUM}): the migration then runs without one by itself, as if marked
	 * {@code -- migrator:no-transaction}.
	 */
	boolean onlyOutsideTransactions() {
		return this.statementCount > 0 && this.outsideOnlyCount == this.statementCount;
	}

	/** The first such statement, for info: "CREATE INDEX CONCURRENTLY i ON t (x) (line 3)". */
	String firstOutsideOnly() {
		return words(this.outsideOnly.get(0)) + " (line " + this.outsideOnly.get(0).line() + ")";
	}

	/**
	 * Why a transactional script mixes statements that cannot run in a transaction with others, or
	 * null when it does not: every such statement as file:line, and what to do.
	 */
	String mixedProblem(String script) {
		if (this.outsideOnlyCount == 0 || onlyOutsideTransactions()) {
			return null;
		}
		return script + ": statements that cannot run inside a transaction, at " + list(script, this.outsideOnly,
				this.outsideOnlyCount) + ", in a migration with other statements, which run in one. Move them into a"
				+ " migration of their own (a migration made only of such statements runs without a transaction by"
				+ " itself), or mark this one -- migrator:no-transaction to run every statement in autocommit.";
	}

	private static String list(String script, List<SqlStatement> shown, int count) {
		String where = shown.stream()
			.map((statement) -> script + ":" + statement.line() + " (" + words(statement) + ")")
			.collect(Collectors.joining(", "));
		return (count > shown.size()) ? where + " and " + (count - shown.size()) + " more" : where;
	}

	/** The wrapper's lines, for info: "BEGIN (line 1) and COMMIT (line 9)". */
	String wrapperLines() {
		return words(this.first) + " (line " + this.first.line() + ") and " + words(this.last) + " (line "
				+ this.last.line() + ")";
	}

	/**
	 * Why a script that runs in the migration's transaction cannot, or null when it can: every
	 * transaction control but an outer wrapper, as file:line, and what to do.
	 * @param verify whether this is a verify script, which allows no wrapper either
	 */
	String problem(String script, boolean verify) {
		if (this.controlCount == 0 || (!verify && wrapped())) {
			return null;
		}
		String where = list(script, this.controls, this.controlCount);
		if (verify) {
			return script + ": transaction control in a verify script, at " + where + ". Verify queries run inside the"
					+ " migration's transaction, before it commits; remove these statements.";
		}
		return script + ": transaction control in a migration that runs in a transaction, at " + where + ". Migrator"
				+ " runs each migration in a transaction of its own and commits it together with its history row; a"
				+ " COMMIT or ROLLBACK inside would commit or lose part of it behind the engine's back, and a re-run"
				+ " would apply the committed part twice. Split the file into one migration per transaction, or mark it"
				+ " -- migrator:no-transaction to run its statements one by one in autocommit (its own BEGIN and COMMIT"
				+ " then apply). One BEGIN first and one COMMIT last around the whole script are allowed: they become the"
				+ " migration's transaction.";
	}

	/** The statement's first words, for a message: "COMMIT", "SET autocommit = 0". */
	static String words(SqlStatement statement) {
		String text = statement.sql().replaceAll("\\s+", " ");
		return (text.length() <= 40) ? text : text.substring(0, 37) + "...";
	}

}
