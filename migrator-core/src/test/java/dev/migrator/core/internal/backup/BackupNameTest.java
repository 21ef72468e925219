package dev.migrator.core.internal.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackupNameTest {

	private static final Instant AT = Instant.parse("2025-03-04T05:06:07.890Z");

	@Test
	void nameIsDatabaseUtcSecondAndVersion() {
		BackupName name = BackupName.first(Path.of("/data/app.db"), AT, "1.2.0", false);

		assertThat(name.fileName()).isEqualTo("app_20250304_050607_v1.2.0.db");
		assertThat(name.created()).isEqualTo(Instant.parse("2025-03-04T05:06:07Z"));
		assertThat(BackupName.first(Path.of("app.db"), AT, "3", true).fileName()).isEqualTo("app_20250304_050607_v3.db.gz");
	}

	@Test
	void laterNamesInTheSameSecondGetASuffixBeforeTheExtension() {
		BackupName first = BackupName.first(Path.of("app.db"), AT, "3", true);

		assertThat(Stream.iterate(first, BackupName::next).limit(3).map(BackupName::fileName)).containsExactly(
				"app_20250304_050607_v3.db.gz", "app_20250304_050607_v3-2.db.gz", "app_20250304_050607_v3-3.db.gz");
	}

	@ParameterizedTest
	@ValueSource(strings = { "app_20250304_050607_v3.db", "app_20250304_050607_v3-2.db.gz", "my_app_20250304_050607_v1.10.db",
			"data.v2_20250304_050607_v001-12.db", "x_20991231_235959_v0.db" })
	void namesParseBackToThemselves(String fileName) {
		assertThat(BackupName.parse(fileName)).hasValueSatisfying((name) -> assertThat(name.fileName()).isEqualTo(fileName));
	}

	@Test
	void parsingRecoversEveryPart() {
		BackupName name = BackupName.parse("my_app_20250304_050607_v1.10-2.db.gz").orElseThrow();

		assertThat(name).isEqualTo(new BackupName("my_app", Instant.parse("2025-03-04T05:06:07Z"), "1.10", 2, true));
	}

	@ParameterizedTest
	@ValueSource(strings = { "app.db", "app_20250304_050607_v3.db.sha256", "app_20250304_050607_v3.db.gz.partial",
			".restore-123.db", "app_20251304_050607_v3.db", "app_20250304_050607_v3-1.db", "app_20250304_050607_v3-02.db",
			"app_20250304_0506_v3.db", "app_20250304_050607_3.db", "app_20250304_050607_v.db", "../x_20250304_050607_v3.db" })
	void otherFilesAreNotBackups(String fileName) {
		assertThat(BackupName.parse(fileName)).isEmpty();
	}

	@Test
	void newestFirstOrdersByTimeThenSequence() {
		List<String> names = Stream
			.of("app_20250304_050607_v3.db", "app_20250304_050608_v3.db", "app_20250304_050607_v3-2.db",
					"app_20240101_000000_v9.db")
			.map((n) -> BackupName.parse(n).orElseThrow())
			.sorted(BackupName.NEWEST_FIRST)
			.map(BackupName::fileName)
			.toList();

		assertThat(names).containsExactly("app_20250304_050608_v3.db", "app_20250304_050607_v3-2.db",
				"app_20250304_050607_v3.db", "app_20240101_000000_v9.db");
	}

	@Test
	void databaseNameDropsOnlyTheLastExtension() {
		assertThat(BackupName.databaseName(Path.of("/x/app.db"))).isEqualTo("app");
		assertThat(BackupName.databaseName(Path.of("my.data.sqlite"))).isEqualTo("my.data");
		assertThat(BackupName.databaseName(Path.of("plain"))).isEqualTo("plain");
		assertThat(BackupName.databaseName(Path.of(".hidden"))).isEqualTo(".hidden");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "1_2", "1-2", "../1", "1/2", "v 1" })
	void versionsThatWouldBreakTheNameAreRejected(String version) {
		assertThatIllegalArgumentException().isThrownBy(() -> BackupName.first(Path.of("app.db"), AT, version, false))
			.withMessageContaining("backup version");
	}

	@Test
	void dumpsOfServerDatabasesHaveTheirOwnExtension() {
		BackupName name = BackupName.firstDump("app", AT, "2");

		assertThat(name.fileName()).isEqualTo("app_20250304_050607_v2.dump");
		assertThat(name.next().fileName()).isEqualTo("app_20250304_050607_v2-2.dump");
		assertThat(BackupName.parse("app_20250304_050607_v2-2.dump")).contains(name.next());
		assertThat(BackupName.parse("app_20250304_050607_v2.dump.gz")).hasValueSatisfying(
				(parsed) -> assertThat(parsed.compressed()).isTrue());
		assertThat(BackupName.parse("app_20250304_050607_v2.sql.gz")).hasValueSatisfying((parsed) -> {
			assertThat(parsed.extension()).isEqualTo(BackupName.SQL_DUMP);
			assertThat(parsed.compressed()).isTrue();
		});
		assertThat(BackupName.parse("app_20250304_050607_v2.txt")).isEmpty();
	}

}
