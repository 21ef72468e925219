package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One server, many databases, each with its own history: the usual MySQL set-up, with a plain JDBC
 * URL (no driver options).
 */
class MariaDbHistoryLookupTest {

	@Test
	void aDatabaseOnAServerWhereAnotherHasAHistoryStartsFromNothing(@TempDir Path first, @TempDir Path second)
			throws Exception {
		MariaDbFixture other = new MariaDbFixture(first);
		other.write("1_a.sql", "CREATE TABLE a (id INT);");
		other.migrator().migrate();
		MariaDbFixture fresh = new MariaDbFixture(second);
		fresh.write("1_a.sql", "CREATE TABLE a (id INT);");

		Migrator plainUrl = Migrator.configure()
			.url(fresh.server.url(fresh.database), fresh.server.user(), fresh.server.password())
			.locations("filesystem:" + fresh.migrations)
			.backupEnabled(false)
			.load();

		assertThat(plainUrl.info().applied()).isEmpty();
		assertThat(plainUrl.migrate().migrations()).hasSize(1);
	}

}
