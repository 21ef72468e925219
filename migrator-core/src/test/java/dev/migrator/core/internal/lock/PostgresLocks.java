package dev.migrator.core.internal.lock;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import dev.migrator.core.testing.PostgresServer;

/** The PostgreSQL locks on one schema of the test server, built as the dialect builds them. */
final class PostgresLocks {

	final String schema = PostgresServer.newSchema("lock");

	final DataSource dataSource = PostgresServer.dataSource(this.schema);

	final long key = PostgresAdvisoryLock.key(PostgresServer.DATABASE, this.schema, "schema_migrations_lock");

	PostgresAdvisoryLock session() {
		return PostgresAdvisoryLock.sessionLevel(this.dataSource, this.key, "test database " + this.schema);
	}

	PostgresAdvisoryLock transaction(Duration lease) {
		return PostgresAdvisoryLock.transactionLevel(this.dataSource, this.key, lease, "test database " + this.schema);
	}

	LockTableMigrationLock table(Duration lease) {
		String table = this.schema + ".schema_migrations_lock";
		return new LockTableMigrationLock(this.dataSource, table,
				List.of("CREATE TABLE IF NOT EXISTS " + table + " (id INTEGER NOT NULL PRIMARY KEY, "
						+ LockTableMigrationLock.COLUMNS_DDL.replace("{timestamp}", "TIMESTAMPTZ") + ")"),
				lease, "test database " + this.schema);
	}

}
