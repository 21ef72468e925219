package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigratorException;
import dev.migrator.core.internal.jdbc.DriverDataSource;

class ConnectionTest {

	@TempDir
	Path dir;

	@Test
	void unreachableDatabaseIsAClearErrorWithoutThePassword() {
		Migrator migrator = Migrator.configure().url("jdbc:nosuchdb://db.example/app", "app", "s3cret").load();

		assertThatThrownBy(migrator::info)
			.isInstanceOf(MigratorException.class)
			.hasMessageStartingWith("Could not connect to the database: ")
			.hasMessageContaining("check the URL, user and password")
			.hasMessageNotContaining("s3cret");
	}

	@Test
	void dataSourceNeverShowsThePassword() {
		DriverDataSource dataSource = new DriverDataSource("jdbc:postgresql://db/app?user=app&password=s3cret&ssl=true", "app", "other");

		assertThat(dataSource.toString()).doesNotContain("s3cret").doesNotContain("other")
			.contains("password=****&ssl=true");
	}

	@Test
	void fileThatIsNotADatabaseIsReportedAndLeftAlone() throws Exception {
		Path file = this.dir.resolve("notes.db");
		Files.writeString(file, "these are my notes, not a database; ".repeat(200));
		byte[] before = Files.readAllBytes(file);
		Migrator migrator = Migrator.configure().url("jdbc:sqlite:" + file).locations("classpath:db/classpath-test").load();

		assertThatThrownBy(migrator::migrate)
			.isInstanceOf(MigratorException.class)
			.hasMessageContaining("not a database");

		assertThat(Files.readAllBytes(file)).isEqualTo(before);
	}

	@Test
	void unsupportedDatabaseIsNamed() {
		// Only the product name matters here: detection happens before any SQL is sent.
		DatabaseMetaData metaData = (DatabaseMetaData) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { DatabaseMetaData.class }, (proxy, method, args) -> switch (method.getName()) {
					case "getDatabaseProductName" -> "Oracle";
					default -> null;
				});
		Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { Connection.class }, (proxy, method, args) -> switch (method.getName()) {
					case "getMetaData" -> metaData;
					case "getAutoCommit" -> true;
					default -> null;
				});
		DataSource dataSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { DataSource.class }, (proxy, method, args) -> connection);

		assertThatThrownBy(() -> Migrator.configure().dataSource(dataSource).load().info())
			.hasMessage("Migrator does not support Oracle yet: the supported databases are SQLite, PostgreSQL, MySQL, MariaDB, H2 and HSQLDB");
	}

}
