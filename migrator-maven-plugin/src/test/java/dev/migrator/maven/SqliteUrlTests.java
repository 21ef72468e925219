package dev.migrator.maven;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteUrlTests {

	private static final Path PROJECT = Path.of("/work/app");

	@Test
	void aRelativeFileIsUnderTheProjectFolderNotWhereMavenRuns() {
		assertThat(SqliteUrl.underBasedir("jdbc:sqlite:target/app.db", PROJECT)).isEqualTo("jdbc:sqlite:/work/app/target/app.db");
		assertThat(SqliteUrl.underBasedir("jdbc:sqlite:../data/app.db?journal_mode=WAL", PROJECT))
			.isEqualTo("jdbc:sqlite:/work/data/app.db?journal_mode=WAL");
	}

	@Test
	void urlsThatSayWhereTheyAreStayAsTheyAre() {
		for (String url : new String[] { "jdbc:sqlite:/var/lib/app.db", "jdbc:sqlite::memory:", "jdbc:sqlite:",
				"jdbc:sqlite:file:app.db?mode=memory", "jdbc:postgresql://localhost/app", null }) {
			assertThat(SqliteUrl.underBasedir(url, PROJECT)).isEqualTo(url);
		}
	}

}
