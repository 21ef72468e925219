package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigratorException;

/**
 * Bad input catalogue, the URL (docs/RELIABILITY.md, "Bad input: the database and its environment"): a server that is
 * not there, with the password where MySQL's driver also takes it, in the URL's user info. The
 * error names the URL, so the operator sees which database failed, but never the password.
 */
class BadInputEnvironmentConnectionTest {

	private static final String PASSWORD = "Pa55-in-the-userinfo";

	@TempDir
	Path dir;

	@Test
	void unreachableMysqlHostWithThePasswordInTheUserInfo() throws Exception {
		int closedPort = BadInputEnvironmentReport.closedPort();
		String url = "jdbc:mysql://app:" + PASSWORD + "@127.0.0.1:" + closedPort + "/app?connectTimeout=5000";

		Throwable thrown = catchThrowable(() -> Migrator.configure().url(url)
			.locations("filesystem:" + this.dir)
			.load()
			.migrate());
		BadInputEnvironmentReport.print(getClass(), thrown);

		assertThat(thrown).isInstanceOf(MigratorException.class)
			.hasMessageContaining("Could not connect to the database: jdbc:mysql://app:****@127.0.0.1:" + closedPort + "/app")
			.hasMessageContaining("check the URL, user and password, and that the database is reachable")
			.hasMessageNotContaining(PASSWORD);
		assertThat(BadInputEnvironmentReport.stackTrace(thrown)).doesNotContain(PASSWORD);
	}

}
