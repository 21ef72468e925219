package dev.migrator.core.internal.sql;

import java.util.Objects;

/**
 * One statement cut from a script.
 *
 * @param sql the statement text as written, without its terminator
 * @param line the 1-based line (in the file) where the statement's first token starts
 */
public record SqlStatement(String sql, int line) {

	public SqlStatement {
		Objects.requireNonNull(sql, "sql");
	}
}
