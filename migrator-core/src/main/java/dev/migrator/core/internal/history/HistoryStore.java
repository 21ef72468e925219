package dev.migrator.core.internal.history;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.LogRecord;
import dev.migrator.core.api.MigrationType;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.internal.dialect.Dialect;

/**
 * The history table (one row per version, its current state) and the log table (every attempt,
 * appended, never rewritten). Table names come from the validated configuration, never from input.
 */
public final class HistoryStore {

	private static final Logger logger = LoggerFactory.getLogger(HistoryStore.class);

	private static final String COLUMNS = "version, description, type, script, checksum, status, applied_at, applied_by, execution_time_ms";

	private final Configuration configuration;

	private final Dialect dialect;

	public HistoryStore(Configuration configuration, Dialect dialect) {
		this.configuration = configuration;
		this.dialect = dialect;
	}

	/**
	 * Whether the history table exists yet, in the configured schema or else the one the session was in
	 * when the command began (not where a migration's search_path or USE has taken it since).
	 */
	public boolean exists(Connection connection) throws SQLException {
		return exists(connection, this.configuration.table());
	}

	/** Whether a table of this name exists where the history would be: another tool's history, say. */
	public boolean tableExists(Connection connection, String table) throws SQLException {
		return exists(connection, table);
	}

	private boolean exists(Connection connection, String table) throws SQLException {
		if ("sqlite".equals(this.dialect.vendor())) {
			// the driver's getTables matches patterns over the whole schema: ms per call with thousands of tables
			try (PreparedStatement select = connection.prepareStatement(
					"SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE")) {
				select.setString(1, table);
				try (ResultSet rs = select.executeQuery()) {
					return rs.next();
				}
			}
		}
		String schema = (this.configuration.schema() != null) ? this.configuration.schema()
				: (this.dialect.homeSchema() != null) ? this.dialect.homeSchema() : currentSchema(connection);
		// the name as written, in lower and in upper case: each once (most names are one of them already)
		Set<String> names = spellings(table);
		Set<String> schemas = (schema == null) ? null : spellings(schema);
		if ("postgresql".equals(this.dialect.vendor()) && schemas != null) {
			// one catalog query for every spelling: the driver's getTables is a query per spelling, and a
			// run asks this for its history, its log and each other tool's table, on every start
			try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM pg_catalog.pg_class c"
					+ " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
					+ " WHERE c.relname = ANY (?) AND n.nspname = ANY (?) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')")) {
				select.setArray(1, connection.createArrayOf("text", names.toArray()));
				select.setArray(2, connection.createArrayOf("text", schemas.toArray()));
				try (ResultSet rs = select.executeQuery()) {
					return rs.next();
				}
			}
		}
		DatabaseMetaData metaData = connection.getMetaData();
		String catalog = (this.dialect.homeCatalog() != null) ? this.dialect.homeCatalog() : connection.getCatalog();
		for (String name : names) {
			for (String inSchema : (schemas == null) ? Collections.<String>singleton(null) : schemas) {
				// the catalog too: MySQL drivers read a null catalog as "every database on the server"
				try (ResultSet rs = metaData.getTables(catalog, inSchema, name, null)) {
					if (rs.next()) {
						return true;
					}
				}
			}
		}
		return false;
	}

	private static Set<String> spellings(String name) {
		Set<String> spellings = new LinkedHashSet<>();
		spellings.add(name);
		spellings.add(name.toLowerCase(Locale.ROOT));
		spellings.add(name.toUpperCase(Locale.ROOT));
		return spellings;
	}

	/**
	 * A clear error when the history table has another tool's shape (golang-migrate's, dbmate's, Rails'
	 * {@code schema_migrations}); otherwise the read's own error.
	 */
	private SQLException otherToolsTable(Connection connection, SQLException readFailure) {
		Set<String> columns = new java.util.TreeSet<>();
		try {
			DatabaseMetaData metaData = connection.getMetaData();
			String schema = (this.configuration.schema() != null) ? this.configuration.schema()
					: (this.dialect.homeSchema() != null) ? this.dialect.homeSchema() : currentSchema(connection);
			String catalog = (this.dialect.homeCatalog() != null) ? this.dialect.homeCatalog() : connection.getCatalog();
			String table = this.configuration.table();
			for (String name : new String[] { table, table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT) }) {
				try (ResultSet rs = metaData.getColumns(catalog, schema, name, null)) {
					while (rs.next()) {
						columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
					}
				}
				if (!columns.isEmpty()) {
					break;
				}
			}
			String tool = columns.isEmpty() ? null : OtherToolTable.tool(columns, exists(connection, "ar_internal_metadata"));
			if (tool != null) {
				throw new MigratorException(OtherToolTable.message(this.configuration.table(), tool, columns), readFailure);
			}
		}
		catch (SQLException unreadable) {
			readFailure.addSuppressed(unreadable);
		}
		return readFailure;
	}

	/** Null where the driver has no schemas (SQLite): every table the connection sees counts. */
	private static String currentSchema(Connection connection) {
		try {
			return connection.getSchema();
		}
		catch (SQLException | AbstractMethodError ex) {
			return null;
		}
	}

	/** Creates the schema (if one is configured), the history and the log tables where they are missing. */
	public void create(Connection connection) throws SQLException {
		String schema = this.configuration.schema();
		if (schema != null && !schemaExists(connection, schema)) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
			}
			logger.info("Created schema {} for the history tables and the migrations (migrator.schema)", schema);
		}
		try (Statement statement = connection.createStatement()) {
			for (String ddl : this.dialect.createHistoryTables(this.configuration)) {
				statement.execute(ddl);
			}
		}
	}

	private static boolean schemaExists(Connection connection, String schema) throws SQLException {
		for (String name : new String[] { schema, schema.toLowerCase(Locale.ROOT), schema.toUpperCase(Locale.ROOT) }) {
			try (ResultSet rs = connection.getMetaData().getSchemas(null, name)) {
				if (rs.next()) {
					return true;
				}
			}
		}
		return false;
	}

	private String table() {
		return this.dialect.qualified(this.configuration, this.configuration.table());
	}

	private String logTable() {
		return this.dialect.qualified(this.configuration, this.configuration.logTable());
	}

	/** Every history row in version order; empty when the table does not exist yet. */
	public List<AppliedMigration> load(Connection connection) throws SQLException {
		if (!exists(connection)) {
			return List.of();
		}
		List<AppliedMigration> rows = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT " + COLUMNS + " FROM " + table())) {
			while (rs.next()) {
				rows.add(read(rs));
			}
		}
		catch (SQLException ex) {
			// looked at only when the read fails: an up-to-date start pays nothing for it
			throw otherToolsTable(connection, ex);
		}
		rows.sort((a, b) -> a.version().compareTo(b.version()));
		return rows;
	}

	/**
	 * The migrations the log records as applied that have no row in {@code rows}: history rows
	 * deleted, or the whole table dropped, by hand. Running them again would fail on what they
	 * created, or worse, so a run must stop and say so. Per version, the log's latest successful
	 * migrate or rollback decides; a successful restore makes what the log said before it unknown
	 * (the backup's history is the truth then), and a baseline row covers every version up to it.
	 * Checked with the metadata first, never by a failing query, which would abort a PostgreSQL
	 * transaction (a dry run's).
	 * @return the log entry of each such migration's latest apply, in version order
	 */
	public List<LogRecord> appliedButMissing(Connection connection, List<AppliedMigration> rows) throws SQLException {
		Map<MigrationVersion, Long> applied = appliedInLog(connection);
		if (applied.isEmpty()) {
			return List.of();
		}
		MigrationVersion baseline = rows.stream()
			.filter((row) -> row.type() == MigrationType.BASELINE)
			.map(AppliedMigration::version)
			.max(MigrationVersion::compareTo)
			.orElse(null);
		rows.forEach((row) -> applied.remove(row.version()));
		List<LogRecord> missing = new ArrayList<>();
		for (Map.Entry<MigrationVersion, Long> entry : applied.entrySet()) {
			if (baseline == null || entry.getKey().compareTo(baseline) > 0) {
				missing.add(logEntry(connection, entry.getValue()));
			}
		}
		return missing;
	}

	/**
	 * Whether the log records as applied a version that {@code versions} (the history's) lacks: the
	 * check of {@link #appliedButMissing} for a history without a baseline row, details left unread.
	 */
	public boolean appliedButMissingAny(Connection connection, Set<MigrationVersion> versions) throws SQLException {
		return !versions.containsAll(appliedInLog(connection).keySet());
	}

	/**
	 * The same check for an up-to-date start, asked of the database in one statement that returns no
	 * row when all is well: the log's versions applied since its latest restore and not rolled back
	 * after, that the history has no row of the same text. Where it answers "none", so would
	 * {@link #appliedButMissingAny} (the same text is the same version); a version the log spells
	 * otherwise than the history ("01", "1") is reported here, and the caller takes the full way.
	 * An up-to-date start then reads no log row and parses no version of it.
	 */
	public boolean appliedButMissingAnyByText(Connection connection) throws SQLException {
		if (!exists(connection, this.configuration.logTable())) {
			return false;
		}
		String log = logTable();
		try (PreparedStatement select = connection.prepareStatement("SELECT a.version FROM (SELECT version,"
				+ " MAX(CASE WHEN action = ? THEN id END) AS applied, MAX(CASE WHEN action = ? THEN id END) AS undone"
				+ " FROM " + log + " WHERE success = ? AND action IN (?, ?) AND id > (SELECT COALESCE(MAX(id), 0) FROM "
				+ log + " WHERE success = ? AND action = ?) GROUP BY version) a WHERE a.applied IS NOT NULL"
				+ " AND (a.undone IS NULL OR a.undone < a.applied) AND (a.version IS NULL OR NOT EXISTS"
				+ " (SELECT 1 FROM " + table() + " h WHERE h.version = a.version))")) {
			select.setString(1, LogRecord.MIGRATE);
			select.setString(2, LogRecord.ROLLBACK);
			select.setBoolean(3, true);
			select.setString(4, LogRecord.MIGRATE);
			select.setString(5, LogRecord.ROLLBACK);
			select.setBoolean(6, true);
			select.setString(7, LogRecord.RESTORE);
			try (ResultSet rs = select.executeQuery()) {
				return rs.next();
			}
		}
	}

	/**
	 * Per version the log's latest successful migrate, where no rollback came after it; a successful
	 * restore forgets what came before it. Only ids and versions are read: an up-to-date start parses
	 * no timestamp.
	 */
	private Map<MigrationVersion, Long> appliedInLog(Connection connection) throws SQLException {
		Map<MigrationVersion, Long> applied = new TreeMap<>();
		if (!exists(connection, this.configuration.logTable())) {
			return applied;
		}
		try (PreparedStatement select = connection.prepareStatement("SELECT id, version, action"
				+ " FROM " + logTable() + " WHERE success = ? AND action IN (?, ?, ?) ORDER BY id")) {
			select.setBoolean(1, true);
			select.setString(2, LogRecord.MIGRATE);
			select.setString(3, LogRecord.ROLLBACK);
			select.setString(4, LogRecord.RESTORE);
			Map<String, MigrationVersion> parsed = new HashMap<>();
			try (ResultSet rs = select.executeQuery()) {
				while (rs.next()) {
					String action = rs.getString(3);
					if (LogRecord.RESTORE.equals(action)) {
						applied.clear();
						continue;
					}
					String text = rs.getString(2);
					MigrationVersion version = (text == null) ? null
							: parsed.computeIfAbsent(text, HistoryStore::parseOrNull);
					if (version == null) {
						continue;
					}
					if (LogRecord.MIGRATE.equals(action)) {
						applied.put(version, rs.getLong(1));
					}
					else {
						applied.remove(version);
					}
				}
			}
		}
		return applied;
	}

	/**
	 * Per version the description of the log's latest successful migrate, where no rollback came
	 * after it: a skipped migration's entry says it was skipped. Restores are read through: the log
	 * carries over, and what a skip left (nothing) is the same before and after.
	 */
	public Map<MigrationVersion, String> latestApplies(Connection connection) throws SQLException {
		Map<MigrationVersion, String> applies = new TreeMap<>();
		if (!exists(connection, this.configuration.logTable())) {
			return applies;
		}
		try (PreparedStatement select = connection.prepareStatement("SELECT version, description, action"
				+ " FROM " + logTable() + " WHERE success = ? AND action IN (?, ?) ORDER BY id")) {
			select.setBoolean(1, true);
			select.setString(2, LogRecord.MIGRATE);
			select.setString(3, LogRecord.ROLLBACK);
			try (ResultSet rs = select.executeQuery()) {
				while (rs.next()) {
					MigrationVersion version = parseOrNull(rs.getString(1));
					if (version != null && LogRecord.MIGRATE.equals(rs.getString(3))) {
						applies.put(version, rs.getString(2));
					}
					else if (version != null) {
						applies.remove(version);
					}
				}
			}
		}
		return applies;
	}

	private LogRecord logEntry(Connection connection, long id) throws SQLException {
		try (PreparedStatement select = connection.prepareStatement("SELECT version, action, performed_by, performed_at"
				+ " FROM " + logTable() + " WHERE id = ?")) {
			select.setLong(1, id);
			try (ResultSet rs = select.executeQuery()) {
				rs.next();
				return new LogRecord(rs.getString("version"), null, rs.getString("action"), true, null,
						rs.getString("performed_by"), this.dialect.getTimestamp(rs, "performed_at"), null);
			}
		}
	}

	/** A history row as the up-to-date check compares it: no timestamp parsed, nothing else read. */
	public record RowSummary(MigrationVersion version, String type, String checksum, String status,
			String description) {
	}

	/** Every history row's summary; empty when the table does not exist yet. */
	public List<RowSummary> summaries(Connection connection) throws SQLException {
		if (!exists(connection)) {
			return List.of();
		}
		List<RowSummary> rows = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement
					.executeQuery("SELECT version, type, checksum, status, description FROM " + table())) {
			while (rs.next()) {
				MigrationVersion version = parseRecordedOrNull(rs.getString(1));
				if (version == null) {
					return null; // the full read says what is wrong with it
				}
				rows.add(new RowSummary(version, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
			}
		}
		return rows;
	}

	/** A history row's texts as stored, nothing parsed: what the up-to-date check compares with the index's. */
	public record RowText(String version, String type, String checksum, String status, String description) {
	}

	/** Every history row's texts, in no particular order; empty when the table does not exist yet. */
	public List<RowText> rowTexts(Connection connection) throws SQLException {
		if (!exists(connection)) {
			return List.of();
		}
		List<RowText> rows = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement
					.executeQuery("SELECT version, type, checksum, status, description FROM " + table())) {
			while (rs.next()) {
				rows.add(new RowText(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
			}
		}
		return rows;
	}

	/**
	 * The latest start or migrate entry of each of {@code versions} (those with a failed history row):
	 * a start with no migrate entry after it is a run interrupted in the migration; a failed migrate
	 * entry's error says what it left. Read only when the history has a failed row, so an up-to-date
	 * start never pays for it.
	 */
	public Map<MigrationVersion, LogRecord> lastAttempts(Connection connection, Set<MigrationVersion> versions)
			throws SQLException {
		Map<MigrationVersion, LogRecord> last = new TreeMap<>();
		if (versions.isEmpty() || !exists(connection, this.configuration.logTable())) {
			return last;
		}
		try (PreparedStatement select = connection.prepareStatement("SELECT version, description, action, success, error,"
				+ " performed_by, performed_at FROM " + logTable() + " WHERE action IN (?, ?) ORDER BY id")) {
			select.setString(1, LogRecord.START);
			select.setString(2, LogRecord.MIGRATE);
			try (ResultSet rs = select.executeQuery()) {
				while (rs.next()) {
					MigrationVersion version = parseRecordedOrNull(rs.getString("version"));
					if (version != null && versions.contains(version)) {
						last.put(version, new LogRecord(rs.getString("version"), rs.getString("description"),
								rs.getString("action"), rs.getBoolean("success"), rs.getString("error"),
								rs.getString("performed_by"), this.dialect.getTimestamp(rs, "performed_at"), null));
					}
				}
			}
		}
		return last;
	}

	private static MigrationVersion parseOrNull(String text) {
		try {
			return (text != null) ? MigrationVersion.parse(text) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** A history row's version, a repeatable's {@code R__<description>} included; null when it is neither. */
	private static MigrationVersion parseRecordedOrNull(String text) {
		try {
			return (text != null) ? MigrationVersion.parseRecorded(text) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private AppliedMigration read(ResultSet rs) throws SQLException {
		String table = this.configuration.table();
		String versionText = rs.getString("version");
		MigrationVersion version;
		try {
			version = MigrationVersion.parseRecorded(versionText);
		}
		catch (IllegalArgumentException ex) {
			throw new MigratorException("The history table " + table + " has a row with version '" + versionText
					+ "', which is not a version; correct or delete that row");
		}
		String statusText = rs.getString("status");
		AppliedMigration.Status status = AppliedMigration.Status.of(statusText);
		if (status == null) {
			throw new MigratorException("The history table " + table + " has version " + versionText
					+ " with unknown status '" + statusText + "' (expected applied, failed or rolled_back); "
					+ "correct that row, or repair it if it failed");
		}
		MigrationType type;
		try {
			type = MigrationType.valueOf(rs.getString("type").toUpperCase(Locale.ROOT));
		}
		catch (RuntimeException ex) {
			throw new MigratorException("The history table " + table + " has version " + versionText
					+ " with unknown type '" + rs.getString("type") + "' (expected sql, java, baseline or repeatable); correct that row");
		}
		return new AppliedMigration(version, rs.getString("description"), type, rs.getString("script"),
				rs.getString("checksum"), status, this.dialect.getTimestamp(rs, "applied_at"), rs.getString("applied_by"),
				rs.getLong("execution_time_ms"));
	}

	/** Writes a version's current state, replacing the row of that version if there is one. */
	public void save(Connection connection, AppliedMigration row) throws SQLException {
		String table = table();
		try (PreparedStatement update = connection.prepareStatement("UPDATE " + table
				+ " SET description = ?, type = ?, script = ?, checksum = ?, status = ?, applied_at = ?, applied_by = ?, execution_time_ms = ? WHERE version = ?")) {
			bind(update, 1, row);
			update.setString(9, row.version().toString());
			if (update.executeUpdate() > 0) {
				return;
			}
		}
		insert(connection, row);
	}

	/**
	 * Adds the row of a version the history has no row for, as the states read under the lock say:
	 * one statement where {@link #save} needs two, for each of a thousand migrations of a first run.
	 */
	public void insert(Connection connection, AppliedMigration row) throws SQLException {
		try (PreparedStatement insert = connection
			.prepareStatement("INSERT INTO " + table() + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
			insert.setString(1, row.version().toString());
			bind(insert, 2, row);
			insert.executeUpdate();
		}
	}

	private void bind(PreparedStatement statement, int first, AppliedMigration row) throws SQLException {
		statement.setString(first, truncate(row.description(), 200));
		statement.setString(first + 1, row.type().name().toLowerCase(Locale.ROOT));
		statement.setString(first + 2, truncate(row.script(), 1000));
		statement.setString(first + 3, row.checksum());
		statement.setString(first + 4, row.status().value());
		this.dialect.setTimestamp(statement, first + 5, row.appliedAt());
		statement.setString(first + 6, truncate(row.appliedBy(), 100));
		statement.setLong(first + 7, row.executionTimeMs());
	}

	/** Removes a version's row (repair of a failed attempt, or a start marker whose migration left nothing). */
	public void delete(Connection connection, MigrationVersion version) throws SQLException {
		try (PreparedStatement delete = connection
			.prepareStatement("DELETE FROM " + table() + " WHERE version = ?")) {
			delete.setString(1, version.toString());
			delete.executeUpdate();
		}
	}

	/** Appends to the log. */
	public void log(Connection connection, LogRecord entry) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + logTable()
				+ " (version, description, action, success, error, performed_by, performed_at, execution_time_ms)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
			insert.setString(1, entry.version());
			insert.setString(2, truncate(entry.description(), 200));
			insert.setString(3, entry.action());
			insert.setBoolean(4, entry.success());
			insert.setString(5, entry.error());
			insert.setString(6, truncate(entry.performedBy(), 100));
			this.dialect.setTimestamp(insert, 7, entry.performedAt());
			if (entry.executionTimeMs() != null) {
				insert.setLong(8, entry.executionTimeMs());
			}
			else {
				insert.setNull(8, Types.BIGINT);
			}
			insert.executeUpdate();
		}
	}

	/** Every log entry, oldest first; empty when the log table does not exist yet. */
	public List<LogRecord> log(Connection connection) throws SQLException {
		if (!exists(connection, this.configuration.logTable())) {
			return List.of();
		}
		return readLog(connection, "ORDER BY id", 0);
	}

	/**
	 * Appends the entries of {@code before} (the whole log as it was before a restore) that the log
	 * now lacks, in their order: a restore puts back the backup's log, and the attempts made since
	 * it was taken (the failures and their errors) must not go with the state they led to. An entry
	 * already there is not added twice, counting equal entries one for one.
	 * @return how many entries were appended
	 */
	public int carryOver(Connection connection, List<LogRecord> before) throws SQLException {
		Map<LogRecord, Integer> present = new HashMap<>();
		for (LogRecord entry : log(connection)) {
			present.merge(entry, 1, Integer::sum);
		}
		int appended = 0;
		for (LogRecord entry : before) {
			Integer left = present.get(entry);
			if (left != null && left > 0) {
				present.put(entry, left - 1);
				continue;
			}
			log(connection, entry);
			appended++;
		}
		return appended;
	}

	/** The newest log entries, newest first. */
	public List<LogRecord> recentLog(Connection connection, int limit) throws SQLException {
		if (!exists(connection)) {
			return List.of();
		}
		return readLog(connection, "ORDER BY id DESC", limit);
	}

	private List<LogRecord> readLog(Connection connection, String order, int limit) throws SQLException {
		List<LogRecord> entries = new ArrayList<>();
		try (PreparedStatement select = connection.prepareStatement("SELECT version, description, action, success, error,"
				+ " performed_by, performed_at, execution_time_ms FROM " + logTable() + " " + order)) {
			select.setMaxRows(limit);
			try (ResultSet rs = select.executeQuery()) {
				while (rs.next()) {
					// null where no duration was logged (a takeover, a start marker): wasNull right after its read
					long millis = rs.getLong("execution_time_ms");
					Long duration = rs.wasNull() ? null : millis;
					entries.add(new LogRecord(rs.getString("version"), rs.getString("description"),
							rs.getString("action"), rs.getBoolean("success"), rs.getString("error"),
							rs.getString("performed_by"), this.dialect.getTimestamp(rs, "performed_at"), duration));
				}
			}
		}
		return entries;
	}

	private static String truncate(String value, int max) {
		return (value == null || value.length() <= max) ? value : value.substring(0, max);
	}

}
