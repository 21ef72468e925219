package dev.migrator.core.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data source {@code Migrator.configure().url(...)} builds is handed to code that inspects data
 * sources the JDBC way (pool and health-check wrappers unwrap, set a log writer, a login timeout):
 * it answers as the DataSource contract says and still connects to the real database afterwards.
 */
class DriverDataSourceContractTest {

	@TempDir
	Path dir;

	@Test
	void answersTheDataSourceContractAndStillConnects() throws Exception {
		DriverDataSource source = new DriverDataSource("jdbc:sqlite:" + this.dir.resolve("a.db"), null, null);

		assertThat(source.isWrapperFor(DataSource.class)).isTrue();
		assertThat(source.unwrap(DataSource.class)).isSameAs(source);
		assertThat(source.isWrapperFor(Connection.class)).isFalse();
		assertThatThrownBy(() -> source.unwrap(Connection.class)).isInstanceOf(SQLException.class)
			.hasMessage("Not a wrapper for " + Connection.class);
		assertThatThrownBy(source::getParentLogger).isInstanceOf(SQLFeatureNotSupportedException.class);

		// settings it has no use for are accepted and change nothing
		source.setLogWriter(new java.io.PrintWriter(java.io.Writer.nullWriter()));
		source.setLoginTimeout(5);
		assertThat(source.getLogWriter()).isNull();
		assertThat(source.getLoginTimeout()).isZero();
		try (Connection connection = source.getConnection()) {
			assertThat(connection.isValid(1)).isTrue();
		}
	}

}
