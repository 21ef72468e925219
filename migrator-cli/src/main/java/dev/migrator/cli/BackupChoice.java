package dev.migrator.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.MigrationVersion;

/**
 * Which backup {@code restore} puts back: one named by its id, or the newest taken before a moment
 * ({@code --before}) or at a version ({@code --version}), both together narrowing it further.
 */
final class BackupChoice {

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd[[ ]['T']HH:mm[:ss]]");

	private BackupChoice() {
	}

	/**
	 * The id of the chosen backup among {@code backups} (newest first).
	 * @throws BadInputException when the choice is missing, ambiguous or matches no backup
	 */
	static String choose(List<BackupInfo> backups, String id, String before, String version) {
		if (id != null && (before != null || version != null)) {
			throw new BadInputException("Give either a backup id or --before/--version, not both");
		}
		if (id != null) {
			if (backups.stream().noneMatch((backup) -> backup.id().equals(id))) {
				throw new BadInputException("No backup of this database has the id '" + id + "'" + listed(backups));
			}
			return id;
		}
		if (before == null && version == null) {
			throw new BadInputException("Say which backup to restore: its id, --before <time> or --version <version>"
					+ listed(backups));
		}
		Instant moment = (before != null) ? moment(before) : null;
		MigrationVersion at = VersionArgument.parse(version, "--version");
		Optional<BackupInfo> chosen = backups.stream()
			.filter((backup) -> moment == null || backup.created().isBefore(moment))
			.filter((backup) -> at == null || at.equals(MigrationVersion.parse(backup.version())))
			.findFirst();
		return chosen.map(BackupInfo::id)
			.orElseThrow(() -> new BadInputException("No backup of this database was taken"
					+ ((moment != null) ? " before " + moment : "") + ((at != null) ? " at version " + at : "")
					+ listed(backups)));
	}

	/**
	 * {@code --before}: an ISO-8601 moment ({@code 2026-12-03T10:15:00Z}, {@code +01:00} offsets), or
	 * a date and time without a zone, read as UTC like every time Migrator shows
	 * ({@code 2026-12-03 10:15}, {@code 2026-12-03}).
	 */
	static Instant moment(String text) {
		String value = text.strip();
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			// not with an offset: a local date and time, read as UTC
		}
		try {
			var parsed = LOCAL.parseBest(value, LocalDateTime::from, LocalDate::from);
			return (parsed instanceof LocalDateTime dateTime) ? dateTime.toInstant(ZoneOffset.UTC)
					: ((LocalDate) parsed).atStartOfDay().toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			throw new BadInputException("--before " + text + ": not a time; write e.g. 2026-12-03T10:15:00Z,"
					+ " 2026-12-03 10:15 (UTC) or 2026-12-03");
		}
	}

	private static String listed(List<BackupInfo> backups) {
		return backups.isEmpty() ? "; it has no backups yet"
				: "; 'migrator backups' lists the " + backups.size() + " there are (newest: " + backups.get(0).id()
						+ ", taken " + backups.get(0).created() + " at version " + backups.get(0).version() + ")";
	}

}
