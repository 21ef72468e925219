package dev.migrator.benchmarks.startup;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import dev.migrator.core.Migrator;

/**
 * One database per variant, each holding the same migrations applied the way that variant would
 * have applied them: by Migrator (its history tables), by Flyway (its history table), and for the
 * application without a tool by plain JDBC (the tables alone). The start-ups then find nothing
 * pending, which is what every start after a deploy looks like.
 */
final class StartupDatabases {

	/** A database the children connect to. */
	record Database(String url, String user) {
	}

	private final StartupMigrations migrations;

	private final Path migratorMigrations;

	private final Path flywayMigrations;

	StartupDatabases(StartupMigrations migrations, Path migratorMigrations, Path flywayMigrations) {
		this.migrations = migrations;
		this.migratorMigrations = migratorMigrations;
		this.flywayMigrations = flywayMigrations;
	}

	/** Three SQLite files in {@code directory}, migrated. */
	Map<StartupVariant, Database> sqlite(Path directory) throws SQLException {
		Map<StartupVariant, Database> databases = new EnumMap<>(StartupVariant.class);
		for (StartupVariant variant : StartupVariant.values()) {
			String file = directory.resolve(variant.name().toLowerCase() + ".db").toAbsolutePath().toString();
			databases.put(variant, new Database("jdbc:sqlite:" + file, null));
		}
		migrate(databases);
		return databases;
	}

	/** Three databases on the server, migrated. */
	Map<StartupVariant, Database> postgresql(EmbeddedPostgres server) throws SQLException {
		Map<StartupVariant, Database> databases = new EnumMap<>(StartupVariant.class);
		try (Connection connection = server.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			for (StartupVariant variant : StartupVariant.values()) {
				String name = "startup_" + variant.name().toLowerCase();
				statement.execute("DROP DATABASE IF EXISTS " + name);
				statement.execute("CREATE DATABASE " + name);
				databases.put(variant,
						new Database("jdbc:postgresql://localhost:" + server.getPort() + "/" + name, "postgres"));
			}
		}
		migrate(databases);
		return databases;
	}

	private void migrate(Map<StartupVariant, Database> databases) throws SQLException {
		Database ours = databases.get(StartupVariant.MIGRATOR);
		Migrator.configure()
			.url(ours.url(), ours.user(), null)
			.locations("filesystem:" + this.migratorMigrations.toAbsolutePath())
			// preparation, not the measured start: a backup of an empty database is of no use
			.backupEnabled(false)
			.load()
			.migrate();
		Database flyways = databases.get(StartupVariant.FLYWAY);
		Flyway.configure()
			.dataSource(flyways.url(), flyways.user(), null)
			.locations("filesystem:" + this.flywayMigrations.toAbsolutePath())
			.load()
			.migrate();
		Database plain = databases.get(StartupVariant.ALONE);
		try (Connection connection = DriverManager.getConnection(plain.url(), plain.user(), null);
				Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			for (int number = 1; number <= this.migrations.count(); number++) {
				for (String sql : this.migrations.statements(number)) {
					statement.execute(sql);
				}
				connection.commit();
			}
		}
	}

}
