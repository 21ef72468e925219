package dev.migrator.core.internal.backup;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.internal.backup.BackupFolder.StoredBackup;
import dev.migrator.core.internal.jdbc.DriverDataSource;

/**
 * Backups of a PostgreSQL database with {@code pg_dump} in its custom format
 * ({@code <db>_<yyyyMMdd_HHmmss>_v<version>.dump}, compressed by {@code pg_dump} itself), of the
 * configured schema only when there is one. A dump counts once it is proven readable:
 * {@code pg_restore --list} must read its table of contents (or, without {@code pg_restore} beside
 * {@code pg_dump}, it must start as a custom-format archive does). Its SHA-256 is kept beside it.
 * <p>
 * {@code pg_dump} logs in on its own: with the host, port, database and user of the JDBC
 * connection, and the password where Migrator knows it (a {@code url(...)} with a password, or a
 * {@code password} URL parameter), passed in its environment, never on its command line. Otherwise
 * it finds one the usual libpq ways ({@code ~/.pgpass}, {@code PGPASSWORD}, a service file).
 * <p>
 * {@link #restore} puts a backup back with {@code pg_restore} and {@code psql} in one transaction,
 * after a safety dump of the current state.
 */
public final class PgDumpBackupStore implements BackupStore {

	private static final Logger logger = LoggerFactory.getLogger(PgDumpBackupStore.class);

	private static final byte[] CUSTOM_FORMAT_MAGIC = "PGDMP".getBytes(StandardCharsets.US_ASCII);

	private final DumpTool tool;

	private final BackupSettings settings;

	private final BackupFolder folder;

	private final Target target;

	private final Clock clock;

	public PgDumpBackupStore(DumpTool tool, BackupSettings settings, Target target, Clock clock) {
		this.tool = Objects.requireNonNull(tool, "tool");
		this.settings = Objects.requireNonNull(settings, "settings");
		this.folder = new BackupFolder(settings, BackupName.DUMP);
		this.target = Objects.requireNonNull(target, "target");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/** The backup settings, with a server database's default folder ({@link ServerBackupFolder}). */
	public static BackupSettings settings(Configuration.Backup backup, Target target) {
		Path directory = ServerBackupFolder.resolve(backup.directory(), target.host(), Integer.parseInt(target.port()));
		return BackupSettings.of(directory, backup, false);
	}

	/** What {@code pg_dump} connects to: the database behind the connection, reached as the JDBC URL says. */
	public static Target target(Connection connection, Configuration configuration) throws SQLException {
		String database;
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT current_database()")) {
			rs.next();
			database = rs.getString(1);
		}
		String url = connection.getMetaData().getURL();
		Map<String, String> parameters = parameters(url);
		String password = parameters.get("password");
		DataSource dataSource = configuration.dataSource();
		if (password == null && dataSource instanceof DriverDataSource driver) {
			password = driver.password();
		}
		String[] hostPort = hostAndPort(url);
		return new Target(hostPort[0], hostPort[1], database, connection.getMetaData().getUserName(), password,
				configuration.schema(), parameters.get("sslmode"));
	}

	@Override
	public Path directory() {
		return this.settings.directory();
	}

	/** {@code jdbc:postgresql://host:port/db}, the first of several hosts; localhost:5432 when the URL names none. */
	static String[] hostAndPort(String url) {
		String rest = url.substring(url.indexOf(':', 5) + 1);
		if (!rest.startsWith("//")) {
			return new String[] { "localhost", "5432" };
		}
		String authority = rest.substring(2);
		int end = authority.indexOf('/');
		authority = (end >= 0) ? authority.substring(0, end) : authority;
		int query = authority.indexOf('?');
		authority = (query >= 0) ? authority.substring(0, query) : authority;
		String first = authority.split(",")[0];
		if (first.startsWith("[")) {
			int close = first.indexOf(']');
			String host = first.substring(1, close);
			String port = (first.length() > close + 2) ? first.substring(close + 2) : "5432";
			return new String[] { host, port };
		}
		int colon = first.lastIndexOf(':');
		return (colon >= 0) ? new String[] { first.substring(0, colon), first.substring(colon + 1) }
				: new String[] { first.isEmpty() ? "localhost" : first, "5432" };
	}

	static Map<String, String> parameters(String url) {
		int query = url.indexOf('?');
		Map<String, String> parameters = new java.util.HashMap<>();
		if (query < 0) {
			return parameters;
		}
		for (String pair : url.substring(query + 1).split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				parameters.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return parameters;
	}

	@Override
	public BackupInfo backup(Connection connection, String version) {
		Path directory = this.folder.writable();
		long started = System.nanoTime();
		Path file = null;
		try {
			BackupName name = this.folder.reserve(BackupName.firstDump(this.target.dumpName(), this.clock.instant(), version));
			file = directory.resolve(name.fileName());
			dump(file);
			verify(file);
			String checksum = ChecksumSidecar.compute(file);
			ChecksumSidecar.write(file, checksum);
			BackupInfo info = new BackupInfo(name.fileName(), name.created(), name.version(), Files.size(file), true,
					checksum);
			logger.info("Backed up PostgreSQL database {}{} to {} with pg_dump ({} bytes, verified) in {} ms",
					this.target.database(), (this.target.schema() != null) ? " (schema " + this.target.schema() + ")" : "",
					file, info.size(), (System.nanoTime() - started) / 1_000_000);
			return info;
		}
		catch (IOException | RuntimeException ex) {
			if (file != null) {
				BackupFolder.deleteQuietly(file);
				BackupFolder.deleteQuietly(ChecksumSidecar.of(file));
			}
			if (ex instanceof MigratorException migratorException) {
				throw migratorException;
			}
			throw new MigratorException("Backup of PostgreSQL database " + this.target.database() + " into " + directory
					+ " failed: " + ex + ". The partial dump was deleted and the database was not changed; fix the cause and"
					+ " run again.", ex);
		}
	}

	private void dump(Path file) throws IOException {
		List<String> command = new ArrayList<>(List.of(this.tool.executable().toString(), "--format=custom",
				"--no-password", "--file=" + file, "--host=" + this.target.host(), "--port=" + this.target.port(),
				"--dbname=" + this.target.database()));
		if (this.target.user() != null) {
			command.add("--username=" + this.target.user());
		}
		if (this.target.schema() != null) {
			command.add("--schema=" + this.target.schema());
		}
		run(command, "pg_dump of " + this.target.database());
	}

	/** Readable as an archive: {@code pg_restore --list} reads its whole table of contents. */
	private void verify(Path file) throws IOException {
		byte[] head = new byte[CUSTOM_FORMAT_MAGIC.length];
		try (InputStream in = Files.newInputStream(file)) {
			if (in.readNBytes(head, 0, head.length) != head.length || !java.util.Arrays.equals(head, CUSTOM_FORMAT_MAGIC)) {
				throw new MigratorException("Backup " + file + " failed verification: it is not a pg_dump custom-format"
						+ " archive. It was deleted and the run stopped before changing anything; check the disk holding "
						+ file.getParent() + " and the pg_dump installed, then run again.");
			}
		}
		Optional<Path> restore = this.tool.sibling("pg_restore");
		if (restore.isPresent()) {
			run(List.of(restore.get().toString(), "--list", file.toString()), "pg_restore --list of " + file);
		}
	}

	private void run(List<String> command, String what) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		Map<String, String> environment = builder.environment();
		if (this.target.password() != null) {
			environment.put("PGPASSWORD", this.target.password());
		}
		if (this.target.sslMode() != null) {
			environment.put("PGSSLMODE", this.target.sslMode());
		}
		environment.put("PGAPPNAME", "migrator backup");
		Process process = builder.start();
		String output;
		try (InputStream in = process.getInputStream()) {
			output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		int exit;
		try {
			if (!process.waitFor(1, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new MigratorException(what + " did not end after its output closed; it was stopped");
			}
			exit = process.exitValue();
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new MigratorException(what + " was interrupted; the backup was not taken", ex);
		}
		if (exit != 0) {
			throw new MigratorException(what + " failed (exit code " + exit + "): " + output.strip()
					+ ". The database was not changed. Check that " + command.get(0) + " is at least as new as the server,"
					+ " and that it can log in (~/.pgpass or PGPASSWORD when the password is not in the JDBC URL), then run"
					+ " again; or turn backups off (migrator.backup.enabled=false)");
		}
	}

	@Override
	public Path copyForDryRun(Connection connection, Path target) {
		throw new MigratorException("A PostgreSQL dry run runs in a transaction that is rolled back; it needs no copy");
	}

	/** This database's dumps, newest first, each checked against its recorded checksum. */
	@Override
	public List<BackupInfo> list() {
		return scan().stream().map(BackupFolder::inspect).toList();
	}

	/** The same retention as for every store: beyond the newest count and older than the age, never {@code keepId}. */
	@Override
	public List<String> prune(String keepId) {
		return this.folder.prune(this.clock.instant(), keepId);
	}

	/**
	 * Puts a listed backup back: checks its checksum and that {@code pg_restore} reads it, takes a
	 * safety dump of the current state, then restores it in one transaction ({@link PgRestore}).
	 * @throws MigratorException if the id is not a listed backup of this database, the backup is
	 * damaged or a tool is missing (nothing was touched), or if the restore failed (rolled back; the
	 * message names the safety backup)
	 */
	@Override
	public RestoreResult restore(Connection connection, String id, String currentVersion) {
		StoredBackup chosen = this.folder.requireListed(id, "app_20250101_120000_v3.dump");
		if (!chosen.name().database().equals(this.target.dumpName())) {
			throw new MigratorException("Backup " + id + " is of " + chosen.name().database() + ", not "
					+ this.target.dumpName() + "; restore one of this database's backups (migrator backups lists them)."
					+ " The database was not touched.");
		}
		PgRestore tools = PgRestore.find(this.tool, this.target, System.getenv("PATH"));
		BackupInfo restored;
		try {
			restored = BackupFolder.requireUnchanged(chosen);
			tools.list(chosen.file());
		}
		catch (IOException | MigratorException ex) {
			throw new MigratorException("Backup " + id + " cannot be read (" + ex.getMessage() + "). The database was not"
					+ " touched; restore another backup.", ex);
		}
		BackupInfo safety;
		try {
			safety = backup(connection, currentVersion);
		}
		catch (MigratorException ex) {
			throw new MigratorException("Restoring " + id + " was not started: the safety backup of the current state "
					+ "failed. " + ex.getMessage() + " The database was not touched.", ex);
		}
		try {
			tools.restore(connection, chosen.file());
		}
		catch (IOException | SQLException | MigratorException ex) {
			throw new MigratorException("Restoring " + id + " into " + this.target.database() + " failed and was rolled"
					+ " back, so the database is as it was: " + ex.getMessage() + ". The state before is also in the safety"
					+ " backup " + safety.id() + ".", ex);
		}
		logger.info("Restored {} into {}{} with pg_restore in one transaction; the state before is in backup {}", id,
				this.target.database(), (this.target.schema() != null) ? " (schema " + this.target.schema() + ")" : "",
				safety.id());
		return new RestoreResult(restored, safety);
	}

	/** This database's dumps in the folder, newest first. */
	private List<StoredBackup> scan() {
		return this.folder.scan()
			.stream()
			.filter((backup) -> backup.name().database().equals(this.target.dumpName()))
			.toList();
	}

	/**
	 * What {@code pg_dump} logs in to.
	 * @param password null when Migrator does not know it; never shown by {@link #toString()}
	 * @param schema the only schema dumped, or null for the whole database
	 * @param sslMode the JDBC URL's {@code sslmode}, or null
	 */
	public record Target(String host, String port, String database, String user, String password, String schema,
			String sslMode) {

		/**
		 * What its dumps are named after: the database, and the schema when only one is dumped, so that the
		 * schemas of one database (tenants) never list, prune or restore each other's dumps.
		 */
		String dumpName() {
			return (this.schema != null) ? this.database + "." + this.schema : this.database;
		}

		@Override
		public String toString() {
			return "Target[" + this.user + "@" + this.host + ":" + this.port + "/" + this.database
					+ ((this.schema != null) ? ", schema " + this.schema : "") + "]";
		}

	}

}
