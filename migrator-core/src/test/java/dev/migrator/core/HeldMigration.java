package dev.migrator.core;

import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationContext;

/**
 * A migration that writes a lot, then stops mid-way until the test lets it go: on SQLite in
 * rollback-journal mode, 8 MB of changes overflow the 2 MB page cache, so the writer spills to the
 * file and holds the database's exclusive lock until it commits, shutting every reader out.
 */
final class HeldMigration implements JavaMigration {

	final CountDownLatch reached = new CountDownLatch(1);

	final CountDownLatch release = new CountDownLatch(1);

	private static final String[] SQLITE_8_MB = { "CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB)",
			"INSERT INTO blobs (data) VALUES (randomblob(8 * 1024 * 1024))" };

	private final String version;

	private final String[] statements;

	/** On SQLite: a table of 8 MB, enough to overflow the page cache. */
	HeldMigration(String version) {
		this(version, SQLITE_8_MB);
	}

	HeldMigration(String version, String... statements) {
		this.version = version;
		this.statements = statements;
	}

	@Override
	public String version() {
		return this.version;
	}

	@Override
	public String description() {
		return "writes a lot, then waits for the test";
	}

	@Override
	public void up(MigrationContext context) throws Exception {
		try (Statement statement = context.connection().createStatement()) {
			for (String sql : this.statements) {
				statement.execute(sql);
			}
		}
		this.reached.countDown();
		if (!this.release.await(2, TimeUnit.MINUTES)) {
			throw new IllegalStateException("the test never released the migration");
		}
	}

	@Override
	public void down(MigrationContext context) throws Exception {
		try (Statement statement = context.connection().createStatement()) {
			statement.execute("DROP TABLE blobs");
		}
	}

}
