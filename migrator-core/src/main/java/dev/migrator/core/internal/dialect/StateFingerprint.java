package dev.migrator.core.internal.dialect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;

/**
 * A SHA-256 of what a database holds, read through SQL: definitions, then every row of every
 * table, in the order the database keeps them. Two equal fingerprints mean the same state, so a
 * backup already taken of it serves again. The append-only log is left out by the dialects: every
 * restore carries it over, so a backup's own copy of it does not matter.
 */
final class StateFingerprint {

	private final MessageDigest digest;

	private StateFingerprint() {
		try {
			this.digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static StateFingerprint start() {
		return new StateFingerprint();
	}

	/** Adds every row the query returns, every column, with a marker for NULL. */
	StateFingerprint add(Connection connection, String query) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query)) {
			int columns = rs.getMetaData().getColumnCount();
			update("\u0001" + query);
			while (rs.next()) {
				update("\u0002");
				for (int i = 1; i <= columns; i++) {
					Object value = rs.getObject(i);
					if (value instanceof byte[] bytes) {
						update("b");
						this.digest.update(bytes);
					}
					else {
						update((value == null) ? "\u0000" : "v" + value.toString().length() + ":" + value);
					}
				}
			}
		}
		return this;
	}

	/** Adds one query's rows for each table. */
	StateFingerprint addEach(Connection connection, List<String> queries) throws SQLException {
		for (String query : queries) {
			add(connection, query);
		}
		return this;
	}

	String hex() {
		return HexFormat.of().formatHex(this.digest.digest());
	}

	private void update(String text) {
		this.digest.update(text.getBytes(StandardCharsets.UTF_8));
	}

}
