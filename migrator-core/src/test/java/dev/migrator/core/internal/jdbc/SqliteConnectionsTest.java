package dev.migrator.core.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's own SQLite connections wait for busy locks longer than the driver's 3 s, unless the URL says. */
class SqliteConnectionsTest {

	@TempDir
	Path dir;

	@Test
	void theEnginesOwnConnectionsWaitTenSecondsForABusyLock() throws Exception {
		assertThat(busyTimeout(new DriverDataSource("jdbc:sqlite:" + this.dir.resolve("a.db"), null, null)))
			.isEqualTo(DriverDataSource.SQLITE_BUSY_TIMEOUT_MILLIS);
	}

	@Test
	void aBusyTimeoutInTheUrlIsKept() throws Exception {
		assertThat(busyTimeout(new DriverDataSource("jdbc:sqlite:" + this.dir.resolve("a.db") + "?busy_timeout=1234",
				null, null)))
			.isEqualTo(1234);
	}

	@Test
	void theDatabaseFileOfAUrlIsKnownBeforeConnecting() {
		assertThat(SqliteUrl.databaseFile("jdbc:sqlite:/data/app.db?journal_mode=WAL")).hasValue(Path.of("/data/app.db"));
		assertThat(SqliteUrl.databaseFile("jdbc:sqlite:file:///data/app.db")).hasValue(Path.of("/data/app.db"));
		assertThat(SqliteUrl.databaseFile("jdbc:sqlite::memory:")).isEmpty();
		assertThat(SqliteUrl.databaseFile("jdbc:sqlite:file:x?mode=memory&cache=shared")).isEmpty();
		assertThat(SqliteUrl.databaseFile("jdbc:sqlite:")).isEmpty();
		assertThat(SqliteUrl.databaseFile("jdbc:postgresql://localhost/app")).isEmpty();
		assertThat(SqliteUrl.databaseFile(null)).isEmpty();
		assertThat(SqliteUrl.databaseFile("JDBC:SQLITE:/data/app.db")).hasValue(Path.of("/data/app.db"));
		assertThat(SqliteUrl.databaseFile("jdbc:sqlite::resource:db/app.db")).as("inside the class path").isEmpty();
		assertThat(SqliteUrl.databaseFile("jdbc:sqlite:/data/a\u0000b.db")).as("no file can have that name").isEmpty();
	}

	private static int busyTimeout(DriverDataSource dataSource) throws Exception {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("PRAGMA busy_timeout")) {
			rs.next();
			return rs.getInt(1);
		}
	}

}
