package dev.migrator.core.internal.command;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The schema a migration works in, object by object, to compare before an up with after its down:
 * each object's name mapped to its definition. SQLite keeps every object's {@code CREATE} text in
 * {@code sqlite_master}; other databases are read through JDBC metadata (tables, views and
 * sequences with their columns, keys and indexes). The history, log and lock tables are left out.
 */
final class SchemaSnapshot {

	private final Map<String, String> objects;

	private SchemaSnapshot(Map<String, String> objects) {
		this.objects = objects;
	}

	static SchemaSnapshot read(Connection connection, String schema, Set<String> ownTables) throws SQLException {
		Map<String, String> objects = new TreeMap<>();
		String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
		if (product.contains("sqlite")) {
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_master"
							+ " WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")) {
				while (rs.next()) {
					if (!ownTables.contains(rs.getString(3).toLowerCase(Locale.ROOT))) {
						objects.put(rs.getString(1) + " " + rs.getString(2), String.valueOf(rs.getString(4)));
					}
				}
			}
			return new SchemaSnapshot(objects);
		}
		DatabaseMetaData meta = connection.getMetaData();
		String catalog = connection.getCatalog();
		String inSchema = (schema != null) ? schema : connection.getSchema();
		List<String[]> tables = new ArrayList<>();
		try (ResultSet rs = meta.getTables(catalog, inSchema, "%", null)) {
			while (rs.next()) {
				String type = rs.getString("TABLE_TYPE");
				String name = rs.getString("TABLE_NAME");
				if (type != null && !type.contains("INDEX") && !ownTables.contains(name.toLowerCase(Locale.ROOT))) {
					tables.add(new String[] { type.toLowerCase(Locale.ROOT), name });
				}
			}
		}
		for (String[] table : tables) {
			StringBuilder definition = new StringBuilder();
			try (ResultSet rs = meta.getColumns(catalog, inSchema, table[1], "%")) {
				while (rs.next()) {
					definition.append(rs.getString("COLUMN_NAME")).append(' ').append(rs.getString("TYPE_NAME"))
						.append('(').append(rs.getInt("COLUMN_SIZE")).append(')')
						.append(("NO".equals(rs.getString("IS_NULLABLE"))) ? " NOT NULL" : "")
						.append((rs.getString("COLUMN_DEF") != null) ? " DEFAULT " + rs.getString("COLUMN_DEF") : "")
						.append(", ");
				}
			}
			if (table[0].contains("table")) {
				try (ResultSet rs = meta.getPrimaryKeys(catalog, inSchema, table[1])) {
					while (rs.next()) {
						definition.append("PRIMARY KEY ").append(rs.getString("COLUMN_NAME")).append(", ");
					}
				}
				try (ResultSet rs = meta.getImportedKeys(catalog, inSchema, table[1])) {
					while (rs.next()) {
						definition.append("FOREIGN KEY ").append(rs.getString("FKCOLUMN_NAME")).append(" -> ")
							.append(rs.getString("PKTABLE_NAME")).append('.').append(rs.getString("PKCOLUMN_NAME")).append(", ");
					}
				}
				try (ResultSet rs = meta.getIndexInfo(catalog, inSchema, table[1], false, false)) {
					while (rs.next()) {
						if (rs.getString("INDEX_NAME") != null) {
							objects.merge("index " + rs.getString("INDEX_NAME"),
									(rs.getBoolean("NON_UNIQUE") ? "" : "UNIQUE ") + "ON " + table[1] + " ("
											+ rs.getString("COLUMN_NAME") + ")",
									(a, b) -> a + ", " + b);
						}
					}
				}
			}
			objects.put(table[0] + " " + table[1], definition.toString());
		}
		return new SchemaSnapshot(objects);
	}

	/** Each object that differs, in words: added, removed, or changed with both definitions. */
	List<String> differencesFrom(SchemaSnapshot before) {
		List<String> differences = new ArrayList<>();
		for (Map.Entry<String, String> entry : before.objects.entrySet()) {
			String now = this.objects.get(entry.getKey());
			if (now == null) {
				differences.add(entry.getKey() + ": gone after the down (it was there before the up)");
			}
			else if (!Objects.equals(now, entry.getValue())) {
				differences.add(entry.getKey() + ": changed; before the up: " + entry.getValue() + "; after the down: " + now);
			}
		}
		for (Map.Entry<String, String> entry : this.objects.entrySet()) {
			if (!before.objects.containsKey(entry.getKey())) {
				differences.add(entry.getKey() + ": left by the down (the up created it)");
			}
		}
		return differences;
	}

}
