package dev.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.migrator.core.api.BackupInfo;

class BackupChoiceTests {

	// newest first, as the engine lists them
	private static final List<BackupInfo> BACKUPS = List.of(backup("app_20261203_120000_v3.db", "2026-12-03T12:00:00Z", "3"),
			backup("app_20261203_110000_v002.db", "2026-12-03T11:00:00Z", "002"),
			backup("app_20261203_100000_v2.db", "2026-12-03T10:00:00Z", "2"),
			backup("app_20261202_090000_v1.db", "2026-12-02T09:00:00Z", "1"));

	private static BackupInfo backup(String id, String created, String version) {
		return new BackupInfo(id, Instant.parse(created), version, 10, true, "0".repeat(64));
	}

	@Test
	void beforePicksTheNewestTakenStrictlyBefore() {
		assertThat(BackupChoice.choose(BACKUPS, null, "2026-12-03T11:00:00Z", null)).isEqualTo("app_20261203_100000_v2.db");
		assertThat(BackupChoice.choose(BACKUPS, null, "2026-12-03 11:30", null)).isEqualTo("app_20261203_110000_v002.db");
		assertThat(BackupChoice.choose(BACKUPS, null, "2026-12-03T12:30:00+01:00", null))
			.isEqualTo("app_20261203_110000_v002.db");
		assertThat(BackupChoice.choose(BACKUPS, null, "2026-12-03", null)).isEqualTo("app_20261202_090000_v1.db");
	}

	@Test
	void versionMatchesNumericallyAndTakesTheNewest() {
		assertThat(BackupChoice.choose(BACKUPS, null, null, "2")).isEqualTo("app_20261203_110000_v002.db");
		assertThat(BackupChoice.choose(BACKUPS, null, "2026-12-03T10:30:00Z", "002")).isEqualTo("app_20261203_100000_v2.db");
	}

	@Test
	void nothingMatchingAMalformedTimeAndAmbiguousChoicesAreBadInput() {
		assertThatThrownBy(() -> BackupChoice.choose(BACKUPS, null, "2026-12-01", null)).isInstanceOf(BadInputException.class)
			.hasMessageContaining("No backup of this database was taken before 2026-12-01T00:00:00Z")
			.hasMessageContaining("newest: app_20261203_120000_v3.db");
		assertThatThrownBy(() -> BackupChoice.choose(BACKUPS, null, null, "7")).hasMessageContaining("at version 7");
		assertThatThrownBy(() -> BackupChoice.choose(BACKUPS, null, "yesterday", null))
			.hasMessageContaining("--before yesterday: not a time");
		assertThatThrownBy(() -> BackupChoice.choose(BACKUPS, "app_20261203_120000_v3.db", null, "3"))
			.hasMessageContaining("not both");
		assertThatThrownBy(() -> BackupChoice.choose(BACKUPS, null, null, null))
			.hasMessageContaining("Say which backup to restore");
		assertThatThrownBy(() -> BackupChoice.choose(List.of(), null, null, "1")).hasMessageContaining("no backups yet");
	}

}
