package dev.migrator.core.internal.sql;

import java.util.List;

/**
 * PostgreSQL: {@code E'...'} strings with backslash escapes, nesting block comments, dollar
 * quotes ({@code $$...$$}, {@code $body$...$body$}), and SQL-standard function bodies
 * ({@code BEGIN ATOMIC ... END}) kept whole.
 */
public final class PostgresStatementSplitter extends StatementSplitter {

	@Override
	protected boolean backslashEscapes(char open, String wordBefore) {
		return open == '\'' && wordBefore.equals("E");
	}

	@Override
	protected boolean nestedBlockComments() {
		return true;
	}

	@Override
	protected boolean dollarQuotes() {
		return true;
	}

	@Override
	protected int blockDepthChange(String word, String previousWord, List<String> leadingWords, int depth) {
		// Only BEGIN ATOMIC opens a body: BEGIN alone is a transaction and may name a parameter.
		if (word.equals("ATOMIC") && previousWord.equals("BEGIN") && isCreateRoutine(leadingWords)) {
			return 1;
		}
		if (depth == 0) {
			return 0;
		}
		return switch (word) {
			case "CASE" -> 1;
			case "END" -> -1;
			default -> 0;
		};
	}

	/**
	 * Besides standard SQL: {@code BEGIN} (a statement that starts with it is always a transaction;
	 * a body's BEGIN is inside its {@code CREATE} or {@code DO}), {@code END} and {@code ABORT};
	 * {@code PREPARE TRANSACTION}, {@code COMMIT PREPARED} and {@code ROLLBACK PREPARED}, which end
	 * the transaction or cannot run in one. {@code SAVEPOINT}, {@code RELEASE} and
	 * {@code ROLLBACK TO} nest inside the migration's transaction (and inside a dry run's
	 * savepoint), so they are left alone.
	 */
	@Override
	protected TransactionControl transactionControl(List<String> words) {
		String second = words.size() > 1 ? words.get(1) : "";
		return switch (words.get(0)) {
			case "BEGIN" -> TransactionControl.BEGIN;
			case "END" -> TransactionControl.COMMIT;
			case "COMMIT" -> second.equals("PREPARED") ? TransactionControl.OTHER : TransactionControl.COMMIT;
			case "ABORT" -> TransactionControl.OTHER;
			case "PREPARE" -> second.equals("TRANSACTION") ? TransactionControl.OTHER : TransactionControl.NONE;
			case "ROLLBACK" -> !second.equals("PREPARED") && rollbackToSavepoint(words) ? TransactionControl.NONE
					: TransactionControl.OTHER;
			default -> outsideOnly(words) ? TransactionControl.OUTSIDE_ONLY : super.transactionControl(words);
		};
	}

	/** The statements PostgreSQL refuses inside a transaction block. */
	private static boolean outsideOnly(List<String> words) {
		String second = words.size() > 1 ? words.get(1) : "";
		return switch (words.get(0)) {
			case "VACUUM" -> true;
			case "ALTER" -> second.equals("SYSTEM");
			case "CREATE" -> second.equals("DATABASE") || second.equals("TABLESPACE")
					|| indexConcurrently(words, second.equals("UNIQUE") ? 2 : 1);
			case "DROP" -> second.equals("DATABASE") || second.equals("TABLESPACE") || indexConcurrently(words, 1);
			// REINDEX [(options)] SCHEMA|DATABASE|SYSTEM runs a transaction per table, as CONCURRENTLY does
			case "REINDEX" -> words.contains("CONCURRENTLY") || words.contains("SCHEMA") || words.contains("DATABASE")
					|| words.contains("SYSTEM");
			default -> false;
		};
	}

	private static boolean indexConcurrently(List<String> words, int index) {
		return words.size() > index + 1 && words.get(index).equals("INDEX") && words.get(index + 1).equals("CONCURRENTLY");
	}

	private static boolean isCreateRoutine(List<String> words) {
		if (words.isEmpty() || !words.get(0).equals("CREATE")) {
			return false;
		}
		int kind = words.size() > 2 && words.get(1).equals("OR") && words.get(2).equals("REPLACE") ? 3 : 1;
		return words.size() > kind && (words.get(kind).equals("FUNCTION") || words.get(kind).equals("PROCEDURE"));
	}
}
