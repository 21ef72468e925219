package dev.migrator.core.internal.sql;

import java.util.Objects;

/**
 * One statement cut from a script.
 *
 * @param sql the statement text as written, without its terminator
 * @param line the 1-based line (in the file) where the statement's first token starts
 * @param control what the statement does to the transaction it runs in, as its dialect reads it
 */
public record SqlStatement(String sql, int line, TransactionControl control) {

	public SqlStatement {
		Objects.requireNonNull(sql, "sql");
		Objects.requireNonNull(control, "control");
	}

	/** A statement that controls no transaction. */
	public SqlStatement(String sql, int line) {
		this(sql, line, TransactionControl.NONE);
	}
}
