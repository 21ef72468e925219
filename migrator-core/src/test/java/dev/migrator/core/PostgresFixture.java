package dev.migrator.core;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.migrator.core.testing.PostgresServer;

/**
 * A fresh schema of its own on the shared test server, the connections' search_path set to it, and a
 * folder of migration scripts in the test's temp directory.
 */
final class PostgresFixture extends DatabaseFixture {

	final String schema;

	PostgresFixture(Path dir) throws IOException {
		super(dir);
		this.schema = PostgresServer.newSchema("t");
	}

	@Override
	String engine() {
		return "PostgreSQL";
	}

	String url() {
		return PostgresServer.url(this.schema);
	}

	/**
	 * Without backups: pg_dump of the shared test database before every run would cost the scenarios
	 * far more than they test; {@code PostgresBackupTest} covers it.
	 */
	@Override
	Migrator.Builder configure() {
		return Migrator.configure()
			.url(url())
			.locations("filesystem:" + this.migrations)
			.backupEnabled(false)
			.backupDirectory(this.dir.resolve("backups"));
	}

	@Override
	PostgresFixture write(String name, String content) throws IOException {
		super.write(name, content);
		return this;
	}

	@Override
	Connection connect() throws SQLException {
		return PostgresServer.connect(this.schema);
	}

	/** A new PostgreSQL connection is a new server process: the fixture's own reads share one. */
	@Override
	boolean sharesReadConnection() {
		return true;
	}

	@Override
	List<String> tables() throws SQLException {
		return query("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
				+ " AND table_type = 'BASE TABLE' ORDER BY table_name");
	}

	@Override
	List<String> columns(String table) throws SQLException {
		return query("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
				+ " AND table_name = '" + table + "' ORDER BY ordinal_position");
	}

	@Override
	List<String> dump() throws SQLException {
		List<String> dump = new ArrayList<>(query("SELECT table_name || '.' || column_name || ' ' || data_type"
				+ " FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"));
		dump.addAll(query("SELECT indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = current_schema()"
				+ " ORDER BY indexname"));
		for (String table : tables()) {
			for (String row : query("SELECT * FROM \"" + table + "\" ORDER BY 1")) {
				dump.add(table + ": " + row);
			}
		}
		return dump;
	}

}
