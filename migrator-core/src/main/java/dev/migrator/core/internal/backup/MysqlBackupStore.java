package dev.migrator.core.internal.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.internal.backup.BackupFolder.StoredBackup;
import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.MigratorException;

/**
 * Backups of one MySQL or MariaDB database taken with the vendor's dump tool, in one folder, under
 * the same conventions as SQLite's: {@code <database>_<yyyyMMdd_HHmmss>_v<version>.sql[.gz]}, mode
 * 0600, a {@code .sha256} beside each, kept by the same retention.
 * <p>
 * A dump counts only once it is proven: the tool must end cleanly, the file must end with the
 * tool's {@code -- Dump completed} line, and it must create every table, view, sequence and routine
 * the database had, and hold rows for every table that had any. Restoring drops every such object
 * first, so what the failed run created goes too, then feeds the dump to the client, then checks
 * the database has exactly the dump's objects. Events and users are outside a backup.
 */
public final class MysqlBackupStore implements BackupStore {

	private static final Logger logger = LoggerFactory.getLogger(MysqlBackupStore.class);

	private static final int BUFFER = 1 << 16;

	private static final Pattern CREATED = Pattern.compile(
			"\\b(TABLE|VIEW|SEQUENCE|PROCEDURE|FUNCTION) (?:IF NOT EXISTS )?`((?:[^`]|``)+)`", Pattern.CASE_INSENSITIVE);

	private static final Pattern INSERTED = Pattern.compile("^INSERT INTO `((?:[^`]|``)+)`");

	private final BackupSettings settings;

	private final MysqlClientTools tools;

	private final MysqlLogin login;

	private final Clock clock;

	private final BackupFolder folder;

	MysqlBackupStore(BackupSettings settings, MysqlClientTools tools, MysqlLogin login, Clock clock) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.tools = Objects.requireNonNull(tools, "tools");
		this.login = Objects.requireNonNull(login, "login");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.folder = new BackupFolder(settings, BackupName.SQL_DUMP);
	}

	/**
	 * The store for the connection's database, or empty where no dump tool is configured or on the
	 * PATH. Backups go to {@code backup.directory}, by default the server's folder
	 * ({@link ServerBackupFolder}: a server database has no file to put them beside).
	 */
	public static Optional<BackupStore> find(Connection connection, Configuration.Backup backup, boolean mariaDbServer)
			throws SQLException {
		return find(connection, backup, mariaDbServer, System.getenv("PATH"));
	}

	static Optional<BackupStore> find(Connection connection, Configuration.Backup backup, boolean mariaDbServer,
			String path) throws SQLException {
		Optional<MysqlClientTools> tools = MysqlClientTools.find(backup.dumpTool(), path, mariaDbServer);
		if (tools.isEmpty()) {
			logger.debug("No mysqldump or mariadb-dump on the PATH and no backup.dump-tool: no backups");
			return Optional.empty();
		}
		MysqlLogin login = MysqlLogin.of(connection);
		Path directory = ServerBackupFolder.resolve(backup.directory(), login.host(), login.port());
		BackupSettings settings = BackupSettings.of(directory, backup, backup.compress());
		return Optional.of(new MysqlBackupStore(settings, tools.get(), login, Clock.systemUTC()));
	}

	@Override
	public Path directory() {
		return this.settings.directory();
	}

	/**
	 * Dumps the database, verifies the dump, gzips it if configured, and records its checksum.
	 * @param version the schema version before the run, part of the file name
	 * @throws MigratorException if the dump fails or cannot be verified; nothing of it is left
	 * behind, and the database was not changed
	 */
	@Override
	public BackupInfo backup(Connection connection, String version) {
		return backup(connection, version, true);
	}

	/**
	 * With {@code requireIntact} false, for the safety backup before a restore: what the tool cannot
	 * dump (a view a migration broke) is left out and logged rather than failing the backup, since a
	 * damaged database is exactly when a restore is needed, and its state is still worth keeping.
	 */
	private BackupInfo backup(Connection connection, String version, boolean requireIntact) {
		BackupName first = new BackupName(this.login.database(), this.clock.instant(), BackupName.requireVersion(version),
				1, this.settings.compress(), BackupName.SQL_DUMP);
		Path directory = this.folder.writable();
		long started = System.nanoTime();
		Path file = null;
		Path partial = null;
		try {
			BackupName name = this.folder.reserve(first);
			file = directory.resolve(name.fileName());
			partial = file.resolveSibling(file.getFileName() + ".partial");
			Files.deleteIfExists(partial);
			PrivateFiles.createNew(partial);
			Contents expected = contentsOf(connection);
			String complaints = this.tools.dump(this.login, partial, !requireIntact);
			Contents dumped;
			try (InputStream in = Files.newInputStream(partial)) {
				dumped = Contents.read(in);
			}
			if (requireIntact) {
				verify(dumped, expected, partial);
			}
			else if (!dumped.completed()) {
				throw new MigratorException("Backup " + partial + " is cut short: " + complaints);
			}
			else if (!complaints.isEmpty() || !dumped.objects().containsAll(expected.objects())) {
				logger.warn("The safety backup of {} is kept without what the dump tool could not read: {}",
						this.login.database(), complaints);
			}
			if (name.compressed()) {
				BackupFolder.gzip(partial, file);
				Files.delete(partial);
			}
			else {
				Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
			}
			String checksum = ChecksumSidecar.compute(file);
			ChecksumSidecar.write(file, checksum);
			BackupInfo info = new BackupInfo(name.fileName(), name.created(), name.version(), Files.size(file), true, checksum);
			logger.info("Backed up {} to {} ({} bytes, {} tables, verified) in {} ms", this.login.database(), file,
					info.size(), expected.tables().size(), (System.nanoTime() - started) / 1_000_000);
			return info;
		}
		catch (IOException | SQLException | RuntimeException ex) {
			BackupFolder.deleteQuietly(partial);
			BackupFolder.deleteQuietly(file);
			if (file != null) {
				BackupFolder.deleteQuietly(ChecksumSidecar.of(file));
			}
			if (ex instanceof MigratorException migratorException) {
				throw migratorException;
			}
			throw new MigratorException("Backup of " + this.login.database() + " into " + directory + " with "
					+ this.tools.dumpTool() + " failed: " + ex.getMessage() + ". The partial backup was deleted and the "
					+ "database was not changed. Check that the tool can log in as " + this.login.user() + " and that "
					+ directory + " has room, then run again (or disable backups).", ex);
		}
	}

	private static void verify(Contents dumped, Contents expected, Path dump) {
		List<String> problems = new ArrayList<>();
		if (!dumped.completed()) {
			problems.add("it does not end with the dump tool's '-- Dump completed' line (cut short?)");
		}
		Set<String> missing = new TreeSet<>(expected.objects());
		missing.removeAll(dumped.objects());
		if (!missing.isEmpty()) {
			problems.add("it does not create " + String.join(", ", missing));
		}
		Set<String> emptied = new TreeSet<>(expected.tablesWithRows());
		emptied.removeAll(dumped.tablesWithRows());
		if (!emptied.isEmpty()) {
			problems.add("it holds no rows of " + String.join(", ", emptied) + ", which have rows (is no-data set in an "
					+ "option file the tool reads?)");
		}
		if (!problems.isEmpty()) {
			throw new MigratorException("Backup " + dump + " failed verification: " + String.join("; ", problems)
					+ ". It was deleted and the run stopped before changing anything. Run the dump tool by hand to see "
					+ "what it writes, then run again.");
		}
	}

	/** Never: dry runs are refused on MySQL and MariaDB before a copy is asked for. */
	@Override
	public Path copyForDryRun(Connection connection, Path target) {
		throw new MigratorException("A dump is no dry-run copy: MySQL and MariaDB commit DDL implicitly, so dry runs "
				+ "are not available there");
	}

	@Override
	public boolean hasBackupAt(Connection connection, String version) {
		return this.folder.holdsBackupAt(this.login.database(), version);
	}

	@Override
	public void recordState(String id, String fingerprint) {
		this.folder.recordState(id, fingerprint);
	}

	@Override
	public Optional<BackupInfo> sameState(Connection connection, String version, String fingerprint) {
		return this.folder.sameState(this.login.database(), version, fingerprint);
	}

	/** This database's backups in the folder, newest first, each with its checksum recomputed. */
	@Override
	public List<BackupInfo> list() {
		List<BackupInfo> backups = new ArrayList<>();
		for (StoredBackup backup : scan()) {
			backups.add(BackupFolder.inspect(backup));
		}
		return backups;
	}

	/**
	 * Deletes this database's backups that are both beyond the newest {@code retentionCount} and
	 * older than {@code retentionAge}, never {@code keepId}.
	 */
	@Override
	public List<String> prune(String keepId) {
		return this.folder.prune(this.clock.instant(), keepId);
	}

	/**
	 * Puts a listed backup back: checks it (id, checksum, completeness), takes a safety backup of the
	 * current state, drops every table, view, sequence and routine, loads the dump with the client,
	 * and checks the database then has exactly the dump's objects.
	 * @throws MigratorException if the id is not a listed backup of this database or the backup is
	 * damaged (nothing was touched), or if the restore failed (the message names the safety backup)
	 */
	@Override
	public RestoreResult restore(Connection connection, String id, String currentVersion) {
		BackupName.requireVersion(currentVersion);
		StoredBackup chosen = requireListed(id);
		BackupInfo restored;
		Contents contents;
		try {
			restored = BackupFolder.requireUnchanged(chosen);
			try (InputStream in = open(chosen)) {
				contents = Contents.read(in);
			}
		}
		catch (IOException ex) {
			throw new MigratorException("Backup " + id + " cannot be read (" + ex + "). The database was not touched; "
					+ "restore another backup.", ex);
		}
		if (!contents.completed()) {
			throw new MigratorException("Backup " + id + " is incomplete: it does not end with the dump tool's '-- Dump "
					+ "completed' line. The database was not touched; restore another backup.");
		}
		BackupInfo safety;
		try {
			safety = backup(connection, currentVersion, false);
		}
		catch (MigratorException ex) {
			throw new MigratorException("Restoring " + id + " was not started: the safety backup of the current state "
					+ "failed. " + ex.getMessage() + " The database was not touched.", ex);
		}
		String undo = "The state before the restore is in the safety backup " + safety.id() + ", taken just before.";
		try {
			dropEverything(connection);
			try (InputStream in = open(chosen)) {
				this.tools.load(this.login, in);
			}
		}
		catch (IOException | SQLException ex) {
			throw new MigratorException("Restoring " + id + " into " + this.login.database() + " failed half-way: "
					+ ex.getMessage() + ". The database may hold part of the backup; restore " + id
					+ " again once the cause is fixed. " + undo, ex);
		}
		Contents now;
		try {
			now = contentsOf(connection);
		}
		catch (SQLException ex) {
			throw new MigratorException("Restored " + id + " into " + this.login.database() + ", but could not check it: "
					+ ex.getMessage() + ". " + undo, ex);
		}
		if (!now.objects().equals(contents.objects())) {
			throw new MigratorException("Restored " + id + " into " + this.login.database() + ", but the database then had "
					+ now.objects() + " instead of the backup's " + contents.objects() + ". " + undo);
		}
		logger.info("Restored {} into {}; the state before is in backup {}", id, this.login.database(), safety.id());
		return new RestoreResult(restored, safety);
	}

	/**
	 * What the database holds now: its tables, views, sequences and routines, and the tables that
	 * have rows (one row looked at per table, never a count: counting a big InnoDB table is slow).
	 */
	private static Contents contentsOf(Connection connection) throws SQLException {
		Set<String> objects = new TreeSet<>();
		Set<String> tables = new TreeSet<>();
		try (Statement statement = connection.createStatement()) {
			try (ResultSet rs = statement.executeQuery(
					"SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = DATABASE()")) {
				while (rs.next()) {
					String kind = kind(rs.getString(2));
					objects.add(kind + " " + rs.getString(1));
					if (kind.equals("table")) {
						tables.add(rs.getString(1));
					}
				}
			}
			try (ResultSet rs = statement.executeQuery("SELECT routine_name, routine_type FROM information_schema.routines "
					+ "WHERE routine_schema = DATABASE()")) {
				while (rs.next()) {
					objects.add(rs.getString(2).toLowerCase(Locale.ROOT) + " " + rs.getString(1));
				}
			}
			Set<String> withRows = new TreeSet<>();
			for (String table : tables) {
				try (ResultSet rs = statement.executeQuery("SELECT 1 FROM " + quote(table) + " LIMIT 1")) {
					if (rs.next()) {
						withRows.add(table);
					}
				}
			}
			return new Contents(true, objects, tables, withRows);
		}
	}

	/** information_schema's table types as a dump names them. */
	private static String kind(String tableType) {
		String type = tableType.toUpperCase(Locale.ROOT);
		if (type.equals("VIEW")) {
			return "view";
		}
		return type.equals("SEQUENCE") ? "sequence" : "table";
	}

	/**
	 * Drops what a dump recreates, so that what the failed run added goes too: views first (they
	 * may name tables), then tables and sequences with foreign-key checks off, then routines.
	 */
	private void dropEverything(Connection connection) throws SQLException {
		Contents current = contentsOf(connection);
		try (Statement statement = connection.createStatement()) {
			boolean checks;
			try (ResultSet rs = statement.executeQuery("SELECT @@SESSION.foreign_key_checks")) {
				rs.next();
				checks = rs.getBoolean(1);
			}
			statement.execute("SET SESSION foreign_key_checks = 0");
			try {
				for (String kind : List.of("view", "table", "sequence", "procedure", "function")) {
					for (String object : current.objects()) {
						if (object.startsWith(kind + " ")) {
							statement.execute("DROP " + kind.toUpperCase(Locale.ROOT) + " IF EXISTS "
									+ quote(object.substring(kind.length() + 1)));
						}
					}
				}
			}
			finally {
				statement.execute("SET SESSION foreign_key_checks = " + (checks ? 1 : 0));
			}
		}
		logger.info("Dropped {} objects of {} before loading the backup", current.objects().size(), this.login.database());
	}

	private static String quote(String identifier) {
		return '`' + identifier.replace("`", "``") + '`';
	}

	/** What a dump holds, read line by line (a dump can be large). */
	record Contents(boolean completed, Set<String> objects, Set<String> tables, Set<String> tablesWithRows) {

		static Contents read(InputStream dump) throws IOException {
			Set<String> objects = new TreeSet<>();
			Set<String> tables = new TreeSet<>();
			Set<String> withRows = new TreeSet<>();
			boolean completed = false;
			BufferedReader reader = new BufferedReader(new InputStreamReader(dump, StandardCharsets.UTF_8), BUFFER);
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.startsWith("INSERT INTO `")) {
					Matcher insert = INSERTED.matcher(line);
					if (insert.find()) {
						withRows.add(unquote(insert.group(1)));
					}
					continue;
				}
				if (line.startsWith("-- Dump completed")) {
					completed = true;
				}
				if (line.contains("CREATE")) {
					Matcher created = CREATED.matcher(line);
					if (created.find()) {
						String kind = created.group(1).toLowerCase(Locale.ROOT);
						String name = unquote(created.group(2));
						// a view's stand-in table, created before all views, is replaced by the view itself
						if (kind.equals("view")) {
							objects.remove("table " + name);
						}
						if (!(kind.equals("table") && objects.contains("view " + name))) {
							objects.add(kind + " " + name);
						}
						if (kind.equals("table")) {
							tables.add(name);
						}
					}
				}
			}
			tables.removeIf((name) -> objects.contains("view " + name));
			return new Contents(completed, objects, tables, withRows);
		}

		private static String unquote(String name) {
			return name.replace("``", "`");
		}

	}

	private StoredBackup requireListed(String id) {
		Optional<BackupName> name = (id != null) ? BackupName.parse(id) : Optional.empty();
		if (name.isPresent() && !name.get().database().equals(this.login.database())) {
			throw new MigratorException("Backup " + id + " was taken of the database '" + name.get().database()
					+ "', not of '" + this.login.database() + "'; pick a backup of '" + this.login.database()
					+ "'. Nothing was touched.");
		}
		return this.folder.requireListed(id, this.login.database() + "_20250101_120000_v3.sql");
	}

	/** This database's dumps in the folder, newest first. */
	private List<StoredBackup> scan() {
		return this.folder.scan().stream().filter((b) -> b.name().database().equals(this.login.database())).toList();
	}

	private static InputStream open(StoredBackup backup) throws IOException {
		InputStream stored = Files.newInputStream(backup.file());
		return backup.name().compressed() ? new GZIPInputStream(stored, BUFFER) : stored;
	}

}
