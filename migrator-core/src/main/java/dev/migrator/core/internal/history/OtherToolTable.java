package dev.migrator.core.internal.history;

import java.util.Set;

/**
 * Names the tool a table with the history's name but another shape belongs to, from its columns:
 * golang-migrate, dbmate, Rails and Ecto all keep a {@code schema_migrations} table, Migrator's
 * default name.
 */
final class OtherToolTable {

	private OtherToolTable() {
	}

	/**
	 * The tool whose history table has these columns (lower case), or null when it is Migrator's own shape.
	 * @param railsMetadata whether the database also has Rails' {@code ar_internal_metadata}
	 */
	static String tool(Set<String> columns, boolean railsMetadata) {
		if (columns.contains("description") && columns.contains("status") && columns.contains("checksum")) {
			return null;
		}
		if (columns.equals(Set.of("version", "dirty"))) {
			return "golang-migrate";
		}
		if (columns.equals(Set.of("version", "inserted_at"))) {
			return "Ecto (Elixir)";
		}
		if (columns.equals(Set.of("version"))) {
			return railsMetadata ? "Rails (Active Record)" : "dbmate (or Rails)";
		}
		return "another tool";
	}

	/** The setting that adopts the tool's history, where Migrator can. */
	static String adoptSetting(String tool) {
		return switch (tool) {
			case "golang-migrate" -> "migrator.adopt=golang-migrate";
			case "dbmate (or Rails)" -> "migrator.adopt=dbmate";
			default -> null;
		};
	}

	private static String adoptTool(String tool) {
		return tool.startsWith("dbmate") ? "dbmate" : tool;
	}

	/** What to do when Migrator's history table has another tool's shape. */
	static String message(String table, String tool, Set<String> columns) {
		String adopt = adoptSetting(tool);
		return "The table " + table + " exists but is not Migrator's history: its columns (" + String.join(", ", columns)
				+ ") are those of " + tool + "'s. Nothing was changed. Give Migrator's history another name with the table"
				+ " setting (migrator.table=migrator_history, CLI --table, Builder.table(...))"
				+ ((adopt != null) ? ", and to take over " + tool + "'s history without re-running it, also set " + adopt
						+ " (Builder.adopt(\"" + adoptTool(tool) + "\"))" : "")
				+ "; leave " + table + " as it is.";
	}

}
