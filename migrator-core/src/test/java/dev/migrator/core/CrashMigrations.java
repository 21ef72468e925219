package dev.migrator.core;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The slow migration set whose runs the crash trials kill, and the check that each migration in it
 * is wholly in one state. Each up creates a table of many rows with an index; each down archives
 * those rows into a shared table and drops the table. Slow both ways, and every half-done state is
 * visible: a table missing rows, rows archived with the table still there, a history row that
 * disagrees with the tables.
 */
final class CrashMigrations {

	/** How many migrations the set has. */
	static final int COUNT = 8;

	/** The version rollback trials go back to: every down above it runs. */
	static final String FIRST = "1";

	/** The version of the backup restore trials restore. */
	static final String HALF = "4";

	static final int ROWS = 5_000;

	private CrashMigrations() {
	}

	/** Writes the set into the fixture's migrations folder, in the engine's SQL. */
	static void write(DatabaseFixture fx, CrashEngine engine) throws IOException {
		for (int version = 1; version <= COUNT; version++) {
			String table = table(version);
			String archive = (version == 1) ? """
					CREATE TABLE archive (source INTEGER NOT NULL, id INTEGER NOT NULL, payload TEXT NOT NULL,
					    PRIMARY KEY (source, id));
					CREATE INDEX archive_payload ON archive (payload);
					""" : "";
			fx.write(version + "_bulk_" + version + ".sql", archive + """
					CREATE TABLE %1$s (id INTEGER PRIMARY KEY, payload TEXT NOT NULL);
					%2$s
					CREATE INDEX %1$s_payload ON %1$s (payload);
					""".formatted(table, engine.fill(table, ROWS)));
			if (version > 1) {
				fx.write(version + "_bulk_" + version + ".down.sql", """
						INSERT INTO archive (source, id, payload) SELECT %2$d, id, payload FROM %1$s;
						DROP TABLE %1$s;
						""".formatted(table, version));
			}
		}
	}

	static String table(int version) {
		return "bulk_" + version;
	}

	/**
	 * One line for each migration that is not wholly applied (recorded applied, its table complete,
	 * nothing archived), wholly rolled back (recorded rolled back, its table gone, all its rows
	 * archived) or wholly never applied (no record, no table, nothing archived).
	 */
	static List<String> inconsistencies(DatabaseFixture fx) throws SQLException {
		List<String> tables = fx.tables();
		Map<String, String> status = new HashMap<>();
		if (tables.contains("schema_migrations")) {
			for (String row : fx.query("SELECT version, status FROM schema_migrations")) {
				String[] columns = row.split("\\|");
				status.put(columns[0], columns[1]);
			}
		}
		boolean archive = tables.contains("archive");
		Map<String, Long> archived = new HashMap<>();
		if (archive) {
			for (String row : fx.query("SELECT source, count(*) FROM archive GROUP BY source")) {
				String[] columns = row.split("\\|");
				archived.put(columns[0], Long.parseLong(columns[1]));
			}
		}
		List<String> problems = new ArrayList<>();
		for (int version = 1; version <= COUNT; version++) {
			String recorded = status.getOrDefault(String.valueOf(version), "nothing");
			String table = table(version);
			long rows = tables.contains(table) ? Long.parseLong(fx.query("SELECT count(*) FROM " + table).get(0)) : -1;
			long archivedRows = archived.getOrDefault(String.valueOf(version), 0L);
			boolean whole = switch (recorded) {
				case "applied" -> archive && rows == ROWS && archivedRows == 0;
				case "rolled_back" -> rows == -1 && archivedRows == ROWS;
				// never applied, or failed (and rolled back with its transaction)
				default -> rows == -1 && archivedRows == 0 && (version != 1 || !archive);
			};
			if (!whole) {
				problems.add("v%d: history says %s, table %s %s, %d rows archived".formatted(version, recorded, table,
						(rows == -1) ? "absent" : "has " + rows + " rows", archivedRows));
			}
		}
		return problems;
	}

}
