package dev.migrator.core.internal.command;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.internal.dialect.Dialect;
import dev.migrator.core.internal.history.HistoryStore;

/**
 * Another tool's history table, as that tool keeps it: found by its name (and, for the
 * {@code schema_migrations} that several tools share, its columns), and read into the versions it
 * records as applied. Read only: never written.
 */
record ForeignHistory(String tool, String table) {

	/** The tools Migrator can take over, by their {@code migrator.adopt} name, with their table. */
	static final Map<String, String> TABLES = new LinkedHashMap<>();

	static {
		TABLES.put("flyway", "flyway_schema_history");
		TABLES.put("liquibase", "databasechangelog");
		TABLES.put("goose", "goose_db_version");
		TABLES.put("diesel", "__diesel_schema_migrations");
		TABLES.put("golang-migrate", "schema_migrations");
		TABLES.put("dbmate", "schema_migrations");
	}

	/**
	 * One version the other tool records as applied.
	 * @param checksum the tool's own checksum where it keeps one (Flyway's CRC32), else null
	 * @param failed whether the tool records it as failed or dirty
	 * @param md5sum Liquibase's MD5SUM of the changeset, or null (other tools, or cleared by Liquibase)
	 */
	record Entry(MigrationVersion version, String versionText, String description, String script, Integer checksum,
			Instant appliedAt, String appliedBy, long executionTimeMs, boolean failed, boolean baseline, String md5sum) {

		Entry(MigrationVersion version, String versionText, String description, String script, Integer checksum,
				Instant appliedAt, String appliedBy, long executionTimeMs, boolean failed, boolean baseline) {
			this(version, versionText, description, script, checksum, appliedAt, appliedBy, executionTimeMs, failed,
					baseline, null);
		}

	}

	/** The other tools' histories in the database, where Migrator's own would be. */
	static List<ForeignHistory> find(Connection connection, HistoryStore history, Configuration configuration)
			throws SQLException {
		List<ForeignHistory> found = new ArrayList<>();
		for (Map.Entry<String, String> tool : TABLES.entrySet()) {
			String table = tool.getValue();
			if (table.equals("schema_migrations")) {
				continue;
			}
			if (!table.equalsIgnoreCase(configuration.table()) && history.tableExists(connection, table)) {
				found.add(new ForeignHistory(tool.getKey(), table));
			}
		}
		if (!configuration.table().equalsIgnoreCase("schema_migrations")
				&& history.tableExists(connection, "schema_migrations")) {
			List<String> columns = columns(connection, "schema_migrations");
			if (columns.equals(List.of("dirty", "version"))) {
				found.add(new ForeignHistory("golang-migrate", "schema_migrations"));
			}
			// Rails keeps the same one-column table, beside its ar_internal_metadata: not adopted
			else if (columns.equals(List.of("version")) && !history.tableExists(connection, "ar_internal_metadata")) {
				found.add(new ForeignHistory("dbmate", "schema_migrations"));
			}
		}
		return found;
	}

	/** The table's columns, lower case, sorted. */
	private static List<String> columns(Connection connection, String table) throws SQLException {
		List<String> columns = new ArrayList<>();
		try (ResultSet rs = connection.getMetaData().getColumns(connection.getCatalog(), null, table, null)) {
			while (rs.next()) {
				columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
			}
		}
		columns.sort(null);
		return columns;
	}

	/** The versions the tool records, in the order it applied them. */
	List<Entry> read(Connection connection, Dialect dialect, Configuration configuration) throws SQLException {
		String qualified = dialect.qualified(configuration, this.table);
		List<Entry> entries = new ArrayList<>();
		try (Statement statement = connection.createStatement()) {
			switch (this.tool) {
				case "flyway" -> {
					try (ResultSet rs = statement.executeQuery("SELECT version, description, type, script, checksum,"
							+ " installed_by, installed_on, execution_time, success FROM " + qualified + " ORDER BY installed_rank")) {
						while (rs.next()) {
							String version = rs.getString("version");
							String type = rs.getString("type");
							if (type.equals("SCHEMA") || type.equals("DELETE")) {
								continue; // Flyway's own schema marker, deleted entries
							}
							if (version == null) {
								// a repeatable, one row per run: its latest decides
								MigrationVersion repeatable = MigrationVersion.repeatable(rs.getString("description"));
								entries.removeIf((e) -> repeatable.equals(e.version()));
								Integer checksum = nullableChecksum(rs);
								entries.add(new Entry(repeatable, repeatable.toString(), rs.getString("description"),
										rs.getString("script"), checksum, instant(rs.getTimestamp("installed_on")),
										rs.getString("installed_by"), rs.getLong("execution_time"), !rs.getBoolean("success"), false));
								continue;
							}
							if (type.startsWith("UNDO")) {
								entries.removeIf((e) -> e.versionText().equals(version));
								continue;
							}
							Integer checksum = nullableChecksum(rs);
							entries.add(new Entry(MigrationVersion.parse(version), version, rs.getString("description"),
									rs.getString("script"), checksum, instant(rs.getTimestamp("installed_on")),
									rs.getString("installed_by"), rs.getLong("execution_time"), !rs.getBoolean("success"),
									type.equals("BASELINE")));
						}
					}
				}
				case "liquibase" -> {
					try (ResultSet rs = statement.executeQuery("SELECT id, author, filename, dateexecuted, exectype, md5sum FROM "
							+ qualified + " ORDER BY orderexecuted")) {
						while (rs.next()) {
							String id = rs.getString("author") + ":" + rs.getString("id");
							String type = rs.getString("exectype");
							entries.add(new Entry(null, id, id, rs.getString("filename"), null,
									instant(rs.getTimestamp("dateexecuted")), "liquibase", 0, "FAILED".equals(type), false,
									rs.getString("md5sum")));
						}
					}
				}
				case "goose" -> {
					try (ResultSet rs = statement.executeQuery("SELECT version_id, is_applied, tstamp FROM " + qualified
							+ " ORDER BY id")) {
						while (rs.next()) {
							String version = Long.toString(rs.getLong("version_id"));
							boolean applied = rs.getBoolean("is_applied");
							Instant at = instant(rs.getTimestamp("tstamp"));
							entries.removeIf((e) -> e.versionText().equals(version));
							if (applied && !version.equals("0")) {
								entries.add(new Entry(MigrationVersion.parse(version), version, null, null, null, at, "goose", 0,
										false, false));
							}
						}
					}
				}
				case "diesel" -> {
					try (ResultSet rs = statement.executeQuery("SELECT version, run_on FROM " + qualified + " ORDER BY version")) {
						while (rs.next()) {
							String version = rs.getString("version");
							String parsed = version.matches("0+") ? "0.1" : version;
							entries.add(new Entry(MigrationVersion.parse(parsed), parsed, null, null, null,
									instant(rs.getTimestamp("run_on")), "diesel", 0, false, false));
						}
					}
				}
				case "golang-migrate" -> {
					try (ResultSet rs = statement.executeQuery("SELECT version, dirty FROM " + qualified)) {
						while (rs.next()) {
							String version = Long.toString(rs.getLong("version"));
							// golang-migrate keeps only the current version: every one up to it is applied
							entries.add(new Entry(MigrationVersion.parse(version), version, null, null, null, null,
									"golang-migrate", 0, rs.getBoolean("dirty"), true));
						}
					}
				}
				default -> {
					try (ResultSet rs = statement.executeQuery("SELECT version FROM " + qualified + " ORDER BY version")) {
						while (rs.next()) {
							String version = rs.getString("version");
							entries.add(new Entry(MigrationVersion.parse(version), version, null, null, null, null, "dbmate", 0,
									false, false));
						}
					}
				}
			}
		}
		catch (IllegalArgumentException ex) {
			throw new MigratorException("The " + this.tool + " history " + this.table + " holds a version Migrator cannot"
					+ " read: " + ex.getMessage() + "; nothing was changed");
		}
		return entries;
	}

	/** Flyway's checksum, null where it recorded none (a baseline, a Java migration): read before any other column. */
	private static Integer nullableChecksum(ResultSet rs) throws SQLException {
		int checksum = rs.getInt("checksum");
		return rs.wasNull() ? null : checksum;
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	String toolName() {
		return switch (this.tool) {
			case "flyway" -> "Flyway";
			case "liquibase" -> "Liquibase";
			default -> this.tool;
		};
	}

	@Override
	public String toString() {
		return toolName() + "'s " + this.table.toLowerCase(Locale.ROOT);
	}

}
