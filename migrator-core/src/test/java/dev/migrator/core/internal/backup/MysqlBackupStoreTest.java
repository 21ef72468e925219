package dev.migrator.core.internal.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.testing.MariaDbServer;

/**
 * Dumps of a real MariaDB database with the server's own dump tool: named, private, checksummed,
 * verified, kept by retention, and restored exactly, objects created since included.
 */
class MysqlBackupStoreTest {

	static final Instant NOW = Instant.parse("2026-03-01T03:12:04Z");

	@TempDir
	Path dir;

	MariaDbServer server;

	String database;

	Connection connection;

	MutableClock clock = new MutableClock(NOW);

	@BeforeEach
	void setUp() throws Exception {
		this.server = MariaDbServer.get();
		this.database = this.server.createDatabase();
		this.connection = this.server.connect(this.database);
		execute("""
				CREATE TABLE tasks (id INT AUTO_INCREMENT PRIMARY KEY, title VARCHAR(200) NOT NULL, data BLOB)""",
				"CREATE TABLE tags (id INT PRIMARY KEY, task_id INT, FOREIGN KEY (task_id) REFERENCES tasks (id))",
				"CREATE TABLE empty_one (id INT)",
				"INSERT INTO tasks (title, data) VALUES ('one; \\'quoted\\' \u00e9\u20ac\u2603', X'00FF10'), ('two', NULL)",
				"INSERT INTO tags VALUES (1, 1)",
				"CREATE VIEW titles AS SELECT title FROM tasks",
				"CREATE SEQUENCE ticket_numbers START WITH 100",
				"CREATE PROCEDURE add_task(IN t VARCHAR(200)) INSERT INTO tasks (title) VALUES (t)",
				"CREATE FUNCTION shout(t VARCHAR(200)) RETURNS VARCHAR(200) DETERMINISTIC RETURN UPPER(t)",
				"CREATE TRIGGER tasks_title BEFORE INSERT ON tasks FOR EACH ROW SET NEW.title = TRIM(NEW.title)");
	}

	@AfterEach
	void tearDown() throws SQLException {
		this.connection.close();
	}

	private void execute(String... statements) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	private List<String> query(String sql) throws SQLException {
		List<String> rows = new ArrayList<>();
		try (Statement statement = this.connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			while (rs.next()) {
				StringBuilder row = new StringBuilder();
				for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
					row.append(i > 1 ? "|" : "").append(rs.getString(i));
				}
				rows.add(row.toString());
			}
		}
		return rows;
	}

	/** Definitions and rows of everything a backup covers. */
	private List<String> state() throws SQLException {
		List<String> state = new ArrayList<>();
		for (String table : query("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
				+ "ORDER BY table_name")) {
			state.addAll(query("SHOW CREATE TABLE `" + table + "`"));
			if (!table.equals("titles")) {
				state.addAll(query("SELECT * FROM `" + table + "`").stream().map((row) -> table + ": " + row).toList());
			}
		}
		state.addAll(query("SELECT routine_name, routine_definition FROM information_schema.routines "
				+ "WHERE routine_schema = DATABASE() ORDER BY 1"));
		state.addAll(query("SELECT trigger_name, action_statement FROM information_schema.triggers "
				+ "WHERE trigger_schema = DATABASE() ORDER BY 1"));
		return state;
	}

	private MysqlClientTools tools() {
		return MysqlClientTools.find(this.server.dumpTool().orElseThrow(), null, true).orElseThrow();
	}

	private MysqlBackupStore store(boolean compress) throws SQLException {
		return new MysqlBackupStore(new BackupSettings(this.dir.resolve("backups"), compress, 2, Duration.ofDays(1)),
				tools(), MysqlLogin.of(this.connection), this.clock);
	}

	@Test
	void backupIsNamedPrivateChecksummedAndListed() throws Exception {
		MysqlBackupStore store = store(false);

		BackupInfo backup = store.backup(this.connection, "3");

		assertThat(backup.id()).isEqualTo(this.database + "_20260301_031204_v3.sql");
		assertThat(backup.verified()).isTrue();
		Path file = store.directory().resolve(backup.id());
		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.readString(file.resolveSibling(backup.id() + ".sha256")))
			.isEqualTo(backup.checksum() + "  " + backup.id() + "\n");
		assertThat(Files.readString(file)).contains("CREATE TABLE `tasks`", "-- Dump completed");
		assertThat(store.list()).containsExactly(backup);
		assertThat(Files.list(store.directory()).map((f) -> f.getFileName().toString()))
			.containsExactlyInAnyOrder(backup.id(), backup.id() + ".sha256");
	}

	@Test
	void restoreBringsBackTablesRowsViewsSequencesRoutinesAndTriggersAndDropsWhatCameAfter() throws Exception {
		MysqlBackupStore store = store(false);
		List<String> before = state();
		BackupInfo backup = store.backup(this.connection, "3");
		execute("DELETE FROM tags", "UPDATE tasks SET title = 'changed'", "DROP VIEW titles", "DROP PROCEDURE add_task",
				"CREATE TABLE added_later (id INT)", "CREATE VIEW added_view AS SELECT 1 AS one",
				"CREATE PROCEDURE added_procedure() SELECT 1", "ALTER TABLE tasks ADD COLUMN extra INT");
		this.clock.advance(Duration.ofSeconds(5));

		RestoreResult result = store.restore(this.connection, backup.id(), "4");

		assertThat(state()).isEqualTo(before);
		assertThat(result.restored().id()).isEqualTo(backup.id());
		assertThat(result.safetyBackup().id()).isEqualTo(this.database + "_20260301_031209_v4.sql");
		assertThat(store.list()).extracting(BackupInfo::id).containsExactly(result.safetyBackup().id(), backup.id());
		execute("CALL add_task('  trimmed by the trigger  ')");
		assertThat(query("SELECT shout(title) FROM tasks WHERE id = 3")).containsExactly("TRIMMED BY THE TRIGGER");
		assertThat(query("SELECT NEXTVAL(ticket_numbers)")).containsExactly("100");
	}

	@Test
	void compressedBackupIsVerifiedAndRestored() throws Exception {
		MysqlBackupStore store = store(true);
		List<String> before = state();

		BackupInfo backup = store.backup(this.connection, "1.2");
		execute("DROP TABLE tags");
		store.restore(this.connection, backup.id(), "1.2");

		assertThat(backup.id()).endsWith("_v1.2.sql.gz");
		assertThat(Files.readAllBytes(store.directory().resolve(backup.id()))).startsWith((byte) 0x1f, (byte) 0x8b);
		assertThat(state()).isEqualTo(before);
	}

	@Test
	void aCompressedBackupWhoseContentCannotBeUnpackedIsRefusedTouchingNothing() throws Exception {
		MysqlBackupStore store = store(true);
		BackupInfo backup = store.backup(this.connection, "3");
		Path file = store.directory().resolve(backup.id());
		execute("DROP TABLE tags");
		List<String> before = state();
		// its checksum matches, as for a file written wrong from the start: only unpacking it shows the fault
		Files.writeString(file, "no gzip here");
		ChecksumSidecar.write(file, ChecksumSidecar.compute(file));

		assertThatThrownBy(() -> store.restore(this.connection, backup.id(), "3")).isInstanceOf(MigratorException.class)
			.hasMessageContaining("Backup " + backup.id() + " cannot be read (")
			.hasMessageContaining("The database was not touched; restore another backup.");
		assertThat(state()).isEqualTo(before);
	}

	@Test
	void restoreRefusesAnythingButAnIntactListedBackupOfThisDatabaseTouchingNothing() throws Exception {
		MysqlBackupStore store = store(false);
		BackupInfo backup = store.backup(this.connection, "3");
		Path file = store.directory().resolve(backup.id());
		List<String> before = state();
		String otherDatabase = backup.id().replace(this.database, "someone_else");
		Files.copy(file, store.directory().resolve(otherDatabase));

		for (String id : List.of("../../etc/passwd", "/etc/passwd", "a/" + backup.id(), "", "notes.txt")) {
			assertThatThrownBy(() -> store.restore(this.connection, id, "3")).isInstanceOf(MigratorException.class)
				.hasMessageContaining("nothing was touched");
		}
		assertThatThrownBy(() -> store.restore(this.connection, otherDatabase, "3"))
			.hasMessageContaining("was taken of the database 'someone_else'");
		assertThatThrownBy(() -> store.restore(this.connection, this.database + "_20260301_031204_v9.sql", "3"))
			.hasMessageContaining("There is no backup");

		Files.writeString(file, Files.readString(file).replace("'two'", "'TWO'"));
		assertThatThrownBy(() -> store.restore(this.connection, backup.id(), "3")).hasMessageContaining("is corrupt")
			.hasMessageContaining("The database was not touched");
		assertThat(store.list()).singleElement().satisfies((info) -> assertThat(info.verified()).isFalse());

		String text = Files.readString(file);
		Files.writeString(file, text.substring(0, text.indexOf("-- Dump completed")));
		ChecksumSidecar.write(file, ChecksumSidecar.compute(file));
		assertThatThrownBy(() -> store.restore(this.connection, backup.id(), "3")).hasMessageContaining("is incomplete");

		Files.delete(ChecksumSidecar.of(file));
		assertThatThrownBy(() -> store.restore(this.connection, backup.id(), "3"))
			.hasMessageContaining("has no recorded checksum");
		assertThat(state()).isEqualTo(before);
	}

	@Test
	void retentionKeepsTheNewestAndTheYoungAndNeverTheCurrentRunsBackup() throws Exception {
		MysqlBackupStore store = store(false);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			ids.add(store.backup(this.connection, String.valueOf(i)).id());
			this.clock.advance(Duration.ofHours(12));
		}

		// count 2, age 1 day: of four backups 12 h apart the newest two stay; the two beyond them, 36 h and 48 h old, go
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(store.prune(ids.get(3))).containsExactly(ids.get(1), ids.get(0));
		assertThat(store.list()).extracting(BackupInfo::id).containsExactly(ids.get(3), ids.get(2));
		this.clock.advance(Duration.ofDays(10));
		assertThat(store.prune(ids.get(2))).isEmpty();
	}

	@Test
	void aDumpThatFailsLeavesNothingBehindAndSaysWhy() throws Exception {
		MysqlLogin real = MysqlLogin.of(this.connection);
		MysqlLogin wrong = new MysqlLogin(real.host(), real.port(), real.user(), "not the password", real.database(), false);
		MysqlBackupStore store = new MysqlBackupStore(BackupSettings.in(this.dir.resolve("backups")), tools(), wrong,
				this.clock);

		assertThatThrownBy(() -> store.backup(this.connection, "3")).isInstanceOf(MigratorException.class)
			.hasMessageContaining("Access denied for user 'migrator'")
			.hasMessageContaining("The partial backup was deleted and the database was not changed")
			.hasMessageNotContaining("not the password");
		assertThat(Files.list(store.directory())).isEmpty();
	}

	/**
	 * A dump tool that runs the real one with more options (after the option file, which must come
	 * first) and through a pipeline, beside the real client.
	 */
	private Path dumpToolThat(String options, String shellPipeline) throws IOException {
		Path tools = Files.createDirectories(this.dir.resolve("tools"));
		Path real = this.server.dumpTool().orElseThrow();
		Path script = tools.resolve("mariadb-dump");
		Files.writeString(script, "#!/bin/sh\nfirst=\"$1\"; shift\n\"" + real + "\" \"$first\" " + options + " \"$@\" "
				+ shellPipeline + "\n");
		script.toFile().setExecutable(true);
		Files.createSymbolicLink(tools.resolve("mariadb"), real.resolveSibling("mariadb"));
		return script;
	}

	@Test
	void aDumpWithoutRowsOrCutShortFailsVerificationAndIsDeleted() throws Exception {
		MysqlLogin login = MysqlLogin.of(this.connection);
		MysqlBackupStore noData = new MysqlBackupStore(BackupSettings.in(this.dir.resolve("a")),
				MysqlClientTools.find(dumpToolThat("--no-data", ""), null, true).orElseThrow(), login, this.clock);

		assertThatThrownBy(() -> noData.backup(this.connection, "3")).hasMessageContaining("failed verification")
			.hasMessageContaining("it holds no rows of tags, tasks, which have rows");
		assertThat(Files.list(noData.directory())).isEmpty();

		Files.delete(this.dir.resolve("tools/mariadb-dump"));
		Files.delete(this.dir.resolve("tools/mariadb"));
		MysqlBackupStore cutShort = new MysqlBackupStore(BackupSettings.in(this.dir.resolve("b")),
				MysqlClientTools.find(dumpToolThat("", "| head -c 3000"), null, true).orElseThrow(), login, this.clock);
		assertThatThrownBy(() -> cutShort.backup(this.connection, "3"))
			.hasMessageContaining("does not end with the dump tool's '-- Dump completed' line");
		assertThat(Files.list(cutShort.directory())).isEmpty();
		Files.delete(this.dir.resolve("tools/mariadb"));
	}

	@Test
	void thePasswordTravelsInAPrivateOptionFileNeverOnTheCommandLine() throws Exception {
		MysqlLogin login = MysqlLogin.of(this.connection);
		Path optionFile = MysqlClientTools.optionFile(login.password());
		try {
			List<String> dump = tools().dumpCommand(login, optionFile, false);
			List<String> load = tools().loadCommand(login, optionFile);

			assertThat(String.join(" ", dump) + String.join(" ", load)).doesNotContain(MariaDbServer.PASSWORD)
				.doesNotContain("s3cr");
			assertThat(dump.get(1)).isEqualTo("--defaults-extra-file=" + optionFile);
			assertThat(dump).contains("--protocol=TCP", "--user=migrator", "--single-transaction", "--skip-ssl",
					this.database);
			assertThat(Files.getPosixFilePermissions(optionFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
			// the tools' own option parser reads back exactly the password, quotes, backslash and # included
			Process printed = new ProcessBuilder(tools().dumpTool().resolveSibling("my_print_defaults").toString(),
					"--defaults-file=" + optionFile, "client").start();
			assertThat(new String(printed.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
				.isEqualTo("--password=" + MariaDbServer.PASSWORD);
		}
		finally {
			Files.deleteIfExists(optionFile);
		}
		assertThat(MysqlClientTools.escape("a\"b\\c\nd\te\rf")).isEqualTo("a\\\"b\\\\c\\nd\\te\\rf");
	}

	@Test
	void withAFailoverUrlTheLoginNamesTheServerTheConnectionIsOnNotTheFirstListed() throws Exception {
		MysqlLogin direct = MysqlLogin.of(this.connection);
		// port 1 is down: the driver fails over to the real server, and the dump must go there too
		String failover = this.server.url(this.database)
			.replace("jdbc:mariadb://", "jdbc:mariadb:sequential://127.0.0.1:1,");
		try (Connection connection = DriverManager.getConnection(failover, this.server.user(), this.server.password())) {
			assertThat(MysqlLogin.of(connection)).isEqualTo(direct);
		}
	}

	@Test
	void theLoginIsReadFromEitherDriverAndNeverShowsThePassword() throws Exception {
		MysqlLogin mariaDb = MysqlLogin.of(this.connection);
		assertThat(mariaDb).isEqualTo(new MysqlLogin("127.0.0.1", mariaDb.port(), "migrator", MariaDbServer.PASSWORD,
				this.database, false));
		assertThat(mariaDb.toString()).doesNotContain(MariaDbServer.PASSWORD)
			.isEqualTo("migrator@127.0.0.1:" + mariaDb.port() + "/" + this.database + " (password from the connection)");

		try (Connection mysql = DriverManager.getConnection(this.server.mysqlDriverUrl(this.database), this.server.user(),
				this.server.password())) {
			assertThat(MysqlLogin.of(mysql)).isEqualTo(mariaDb);
		}

		// a driver Migrator cannot look into: the address from its URL, and no password
		Connection opaque = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { Connection.class }, (proxy, method, args) -> {
					if (method.getName().equals("isWrapperFor")) {
						return false;
					}
					return method.invoke(this.connection, args);
				});
		MysqlLogin fromUrl = MysqlLogin.of(opaque);
		assertThat(fromUrl.host()).isEqualTo("127.0.0.1");
		assertThat(fromUrl.port()).isEqualTo(mariaDb.port());
		assertThat(fromUrl.password()).isNull();
		assertThat(fromUrl.toString()).endsWith("(no password from the connection)");
	}

	@Test
	void theDumpToolIsTheConfiguredOneOrTheFirstOnThePathWithItsClientBeside() throws Exception {
		Path mysqlTools = Files.createDirectories(this.dir.resolve("mysql/bin"));
		Path mariaTools = Files.createDirectories(this.dir.resolve("mariadb/bin"));
		for (Path tool : List.of(mysqlTools.resolve("mysqldump"), mysqlTools.resolve("mysql"),
				mariaTools.resolve("mariadb-dump"), mariaTools.resolve("mariadb"))) {
			Files.writeString(tool, "#!/bin/sh\n");
			tool.toFile().setExecutable(true);
		}
		String path = mysqlTools + java.io.File.pathSeparator + mariaTools;

		assertThat(MysqlClientTools.find(null, path, true).orElseThrow().dumpTool()).isEqualTo(mariaTools.resolve("mariadb-dump"));
		assertThat(MysqlClientTools.find(null, path, false).orElseThrow().client()).isEqualTo(mysqlTools.resolve("mysql"));
		assertThat(MysqlClientTools.find(null, "", true)).isEmpty();
		assertThat(MysqlClientTools.find(null, null, true)).isEmpty();
		assertThatThrownBy(() -> MysqlClientTools.find(this.dir.resolve("nowhere/mysqldump"), path, true))
			.hasMessageContaining("is not an executable file")
			.hasMessageContaining("backup.dump-tool");
		Files.delete(mysqlTools.resolve("mysql"));
		assertThatThrownBy(() -> MysqlClientTools.find(mysqlTools.resolve("mysqldump"), "", false))
			.hasMessageContaining("but no mysql client beside it or on the PATH");
		assertThat(MysqlBackupStore.find(this.connection, Configuration.Backup.DEFAULTS, true, "")).isEmpty();
	}

}
