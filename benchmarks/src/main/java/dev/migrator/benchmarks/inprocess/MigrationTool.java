package dev.migrator.benchmarks.inprocess;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.flywaydb.core.Flyway;

import dev.migrator.benchmarks.content.GeneratedMigrations;
import dev.migrator.benchmarks.content.GeneratedMigrations.Migration;
import dev.migrator.benchmarks.content.ToolContent;
import dev.migrator.core.Migrator;

/**
 * The tools measured, each doing what an application start does with it: apply whatever is pending,
 * after its own checks, with its defaults. With nothing pending that is the price of every start.
 */
public enum MigrationTool {

	/** Migrator with its defaults: what {@code MigrationRunner} calls on start. */
	MIGRATOR("migrator") {
		@Override
		public void migrate(BenchmarkDatabase database, ToolContent content) {
			Migrator.configure()
				.dataSource(database.dataSource())
				.locations("filesystem:" + content.migrator())
				.backupDirectory(database.backupDirectory())
				.load()
				.migrate();
		}
	},

	/** Flyway with its defaults: {@code migrate()} validates first. */
	FLYWAY("flyway") {
		@Override
		public void migrate(BenchmarkDatabase database, ToolContent content) {
			Flyway.configure()
				.dataSource(database.dataSource())
				.locations("filesystem:" + content.flyway())
				.load()
				.migrate();
		}
	},

	/** Liquibase {@code update} with its defaults, as Spring Boot's integration calls it. */
	LIQUIBASE("liquibase") {
		@Override
		public void migrate(BenchmarkDatabase database, ToolContent content) throws Exception {
			try (Connection connection = database.dataSource().getConnection()) {
				Database target = DatabaseFactory.getInstance()
					.findCorrectDatabaseImplementation(new JdbcConnection(connection));
				try (Liquibase liquibase = new Liquibase(GeneratedMigrations.LIQUIBASE_CHANGELOG,
						new DirectoryResourceAccessor(content.liquibase()), target)) {
					liquibase.update(new Contexts(), new LabelExpression());
				}
			}
		}
	},

	/**
	 * The floor: the same statements in one transaction per migration with one history insert each,
	 * after reading the history and comparing known checksums. No lock, no parsing, no backup.
	 */
	RAW_JDBC("raw-jdbc") {
		@Override
		public void migrate(BenchmarkDatabase database, ToolContent content) throws SQLException {
			try (Connection connection = database.dataSource().getConnection()) {
				connection.setAutoCommit(true);
				try (Statement statement = connection.createStatement()) {
					statement.execute("CREATE TABLE IF NOT EXISTS " + RAW_HISTORY + " (version INTEGER PRIMARY KEY,"
							+ " description VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL, applied_at TIMESTAMP NOT NULL)");
				}
				Map<Integer, String> applied = new HashMap<>();
				try (Statement statement = connection.createStatement();
						ResultSet rs = statement.executeQuery("SELECT version, checksum FROM " + RAW_HISTORY)) {
					while (rs.next()) {
						applied.put(rs.getInt(1), rs.getString(2));
					}
				}
				for (int i = 0; i < content.migrations().size(); i++) {
					Migration migration = content.migrations().get(i);
					String checksum = content.checksums().get(i);
					String recorded = applied.get(migration.version());
					if (recorded != null) {
						if (!recorded.equals(checksum)) {
							throw new IllegalStateException("Migration " + migration.version() + " changed since it was applied");
						}
						continue;
					}
					apply(connection, migration, checksum);
				}
			}
		}

		private void apply(Connection connection, Migration migration, String checksum) throws SQLException {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement();
					PreparedStatement history = connection.prepareStatement("INSERT INTO " + RAW_HISTORY
							+ " (version, description, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
				for (String sql : migration.statements()) {
					statement.execute(sql);
				}
				history.setInt(1, migration.version());
				history.setString(2, migration.description());
				history.setString(3, checksum);
				history.setTimestamp(4, Timestamp.from(Instant.now()));
				history.executeUpdate();
				connection.commit();
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(true);
			}
		}
	};

	/** Raw JDBC's history table. */
	public static final String RAW_HISTORY = "raw_history";

	private final String id;

	MigrationTool(String id) {
		this.id = id;
	}

	/** The name in results: migrator, flyway, liquibase, raw-jdbc. */
	public String id() {
		return this.id;
	}

	/** Applies what is pending; with nothing pending, does the checks of a start. */
	public abstract void migrate(BenchmarkDatabase database, ToolContent content) throws Exception;

	public static MigrationTool of(String id) {
		for (MigrationTool tool : values()) {
			if (tool.id.equals(id)) {
				return tool;
			}
		}
		throw new IllegalArgumentException("Unknown tool '" + id + "'; use migrator, flyway, liquibase or raw-jdbc");
	}

	/** Sets what keeps the peers quiet and off the network while measured: no banner, no analytics. */
	static void quietPeers() {
		System.setProperty("liquibase.analytics.enabled", "false");
		System.setProperty("liquibase.showBanner", "false");
		// Without an SLF4J provider (none here: Migrator logs nothing), Flyway and Liquibase log through
		// java.util.logging at INFO, a line per migration. The loggers are kept referenced, or their levels
		// could be collected with them.
		for (java.util.logging.Logger logger : PEER_LOGGERS) {
			logger.setLevel(java.util.logging.Level.WARNING);
		}
	}

	private static final List<java.util.logging.Logger> PEER_LOGGERS = List.of(
			java.util.logging.Logger.getLogger("liquibase"), java.util.logging.Logger.getLogger("org.flywaydb"));

}
