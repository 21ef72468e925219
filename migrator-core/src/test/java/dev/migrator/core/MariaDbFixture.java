package dev.migrator.core;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.migrator.core.testing.MariaDbServer;

/**
 * A fresh database of its own on the tests' MariaDB server (see {@link MariaDbServer}), and a folder
 * of migration scripts in a test's temp directory. Backups go to {@code backups/} in that directory;
 * the dump tool is the server's own where it has one.
 */
final class MariaDbFixture extends DatabaseFixture {

	final MariaDbServer server;

	final String database;

	final Path backups;

	/** Whether runs back up first, as by default; see {@link #withoutBackups()}. */
	private boolean backupsEnabled = true;

	MariaDbFixture(Path dir) throws IOException {
		super(dir);
		this.server = MariaDbServer.get();
		this.database = this.server.createDatabase();
		this.backups = dir.resolve("backups");
	}

	@Override
	String engine() {
		return "MariaDB";
	}

	/** The MariaDB Connector/J URL of this fixture's database, without credentials. */
	String url() {
		return this.server.url(this.database);
	}

	/** The same database through MySQL Connector/J, which reports the product as "MySQL". */
	String mysqlDriverUrl() {
		return this.server.mysqlDriverUrl(this.database);
	}

	/**
	 * Runs without a backup first, for scenarios whose subject is not the backup (conventions, the
	 * index): each backup here is a {@code mariadb-dump} process, whose client alone costs a third of
	 * a second of CPU, and backups and restores on MariaDB are tried in the classes about them.
	 */
	MariaDbFixture withoutBackups() {
		this.backupsEnabled = false;
		return this;
	}

	@Override
	Migrator.Builder configure() {
		Migrator.Builder builder = Migrator.configure()
			.url(url(), this.server.user(), this.server.password())
			.locations("filesystem:" + this.migrations);
		if (!this.backupsEnabled) {
			return builder.backupEnabled(false);
		}
		builder.backupDirectory(this.backups);
		this.server.dumpTool().ifPresent(builder::backupDumpTool);
		return builder;
	}

	@Override
	MariaDbFixture write(String name, String content) throws IOException {
		super.write(name, content);
		return this;
	}

	@Override
	boolean sharesReadConnection() {
		return true;
	}

	@Override
	Connection connect() throws SQLException {
		return DriverManager.getConnection(url(), this.server.user(), this.server.password());
	}

	@Override
	List<String> tables() throws SQLException {
		return query("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
				+ "ORDER BY table_name");
	}

	@Override
	List<String> columns(String table) throws SQLException {
		return query("SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE()"
				+ " AND table_name = '" + table + "' ORDER BY ordinal_position");
	}

	@Override
	boolean transactionalDdl() {
		return false;
	}

	/** {@link #dump()} without the rows of the append-only log, which a failed run adds to after a restore. */
	List<String> dumpWithoutLog() throws SQLException {
		return dump().stream().filter((line) -> !line.startsWith("schema_migrations_log: ")).toList();
	}

	/** {@link #dump()} without the history's and the log's rows, which a failure adds to: the application's state. */
	List<String> applicationDump() throws SQLException {
		return dump().stream().filter((line) -> !line.startsWith("schema_migrations")).toList();
	}

	/** Every table's definition and rows, views and routines: for before/after comparisons. */
	@Override
	List<String> dump() throws SQLException {
		List<String> dump = new ArrayList<>();
		for (String table : tables()) {
			dump.addAll(query("SHOW CREATE TABLE `" + table + "`").stream()
				.map((row) -> row.replaceAll(" AUTO_INCREMENT=\\d+", ""))
				.toList());
			if (query("SELECT table_type FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = '"
					+ table + "'").equals(List.of("BASE TABLE"))) {
				query("SELECT * FROM `" + table + "`").stream().sorted().forEach((row) -> dump.add(table + ": " + row));
			}
		}
		dump.addAll(query("SELECT routine_type, routine_name, routine_definition FROM information_schema.routines "
				+ "WHERE routine_schema = DATABASE() ORDER BY routine_name"));
		dump.addAll(query("SELECT trigger_name, action_statement FROM information_schema.triggers "
				+ "WHERE trigger_schema = DATABASE() ORDER BY trigger_name"));
		return dump;
	}

}
