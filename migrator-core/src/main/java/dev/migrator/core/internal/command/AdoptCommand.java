package dev.migrator.core.internal.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.LogRecord;
import dev.migrator.core.api.MigrationType;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.internal.history.AppliedMigration;
import dev.migrator.core.internal.history.AppliedMigration.Status;
import dev.migrator.core.internal.resolve.LiquibaseChecksums;
import dev.migrator.core.internal.resolve.MigrationResolver;
import dev.migrator.core.internal.resolve.ResolvedMigration;

/**
 * Takes over another tool's history on the first run against its database: without
 * {@code migrator.adopt} the run stops before any change and says what it found; with it, the
 * versions the tool applied are imported into Migrator's history (one log entry each, "adopted
 * from …"), checked against the files where the tool kept a checksum. The tool's table is only read.
 */
public final class AdoptCommand {

	private static final Logger logger = LoggerFactory.getLogger(AdoptCommand.class);

	static final String SCRIPT = "<< adopt >>";

	private final Session session;

	public AdoptCommand(Session session) {
		this.session = session;
	}

	/**
	 * Before a migrate's first change, while Migrator's history is empty: stops, adopts, or lets the run go on.
	 * @return how many versions were adopted
	 */
	public int beforeFirstRun() throws SQLException {
		Configuration configuration = this.session.configuration();
		if (!this.session.history().load(this.session.connection()).isEmpty()) {
			return 0;
		}
		List<ForeignHistory> found = ForeignHistory.find(this.session.connection(), this.session.history(), configuration);
		String wanted = configuration.adopt();
		if (found.isEmpty()) {
			if (wanted != null && !wanted.isBlank()) {
				String table = ForeignHistory.TABLES.get(wanted);
				throw new MigratorException("migrator.adopt=" + wanted + " is set, but "
						+ ((table != null) ? "there is no " + table + " table here" : wanted + " is not a tool Migrator adopts ("
								+ String.join(", ", ForeignHistory.TABLES.keySet()) + ")")
						+ "; nothing was changed. Remove the setting, or connect to the database " + wanted + " migrated");
			}
			return 0;
		}
		ForeignHistory chosen = found.stream().filter((f) -> f.tool().equals(wanted)).findFirst().orElse(null);
		if (chosen == null) {
			ForeignHistory first = found.get(0);
			List<ForeignHistory.Entry> entries = first.read(this.session.connection(), this.session.dialect(), configuration);
			throw new MigratorException("This database holds " + first + " history: " + summary(first, entries) + ". Migrator has"
					+ " no history here yet, so it would apply every migration again; nothing was changed. To take "
					+ first.toolName() + "'s history over (its rows are imported into " + configuration.table() + ", "
					+ first.table() + " is left as it is), set migrator.adopt=" + first.tool() + " (Builder.adopt(\""
					+ first.tool() + "\")), then migrate again"
					+ ((wanted != null) ? " (migrator.adopt=" + wanted + " names no history found here)" : ""));
		}
		return adopt(chosen);
	}

	private int adopt(ForeignHistory foreign) throws SQLException {
		Configuration configuration = this.session.configuration();
		List<ForeignHistory.Entry> entries = foreign.read(this.session.connection(), this.session.dialect(), configuration);
		List<ResolvedMigration> code = this.session.resolver().resolve()
			.migrations();
		Map<String, ResolvedMigration> byDescription = new HashMap<>();
		code.forEach((m) -> byDescription.put(m.description(), m));
		List<String> problems = new ArrayList<>();
		List<AppliedMigration> rows = new ArrayList<>();
		Map<String, Map<String, String>> liquibaseChecksums = new HashMap<>();
		for (ForeignHistory.Entry entry : entries) {
			if (entry.failed()) {
				problems.add(foreign + " records version " + entry.versionText() + " as "
						+ (foreign.tool().equals("golang-migrate") ? "dirty (a run failed in it)" : "failed")
						+ ": it may have left changes. Finish or undo it by hand, then mark it in " + foreign.toolName()
						+ " (" + whatToRun(foreign) + ") and adopt again");
				continue;
			}
			if (foreign.tool().equals("golang-migrate")) {
				code.stream().filter((m) -> m.version().compareTo(entry.version()) <= 0)
					.forEach((m) -> rows.add(row(m, entry)));
				continue;
			}
			ResolvedMigration migration = (entry.version() != null)
					? code.stream().filter((m) -> m.version().equals(entry.version())).findFirst().orElse(null)
					: byDescription.get(entry.description());
			if (entry.version() != null && entry.version().isRepeatable()) {
				if (migration == null) {
					// its file gone: nothing to run again, so nothing to import
					logger.info("{} records repeatable {} ({}), which is no longer in the code; not imported", foreign,
							entry.description(), entry.script());
				}
				else {
					rows.add(repeatableRow(migration, entry, configuration));
				}
				continue;
			}
			if (migration == null && entry.baseline()) {
				rows.add(new AppliedMigration(entry.version(), entry.description(), MigrationType.BASELINE, BaselineCommand.SCRIPT,
						null, Status.APPLIED, at(entry), by(entry), 0));
				continue;
			}
			if (migration == null) {
				problems.add(foreign + " records " + (entry.version() != null ? "version " : "changeset ") + entry.versionText()
						+ ((entry.script() != null) ? " (" + entry.script() + ")" : "") + " as applied, and no migration in "
						+ String.join(", ", configuration.locations()) + " has it: add its file, or point migrator.locations at"
						+ " the folder " + foreign.toolName() + " used");
				continue;
			}
			if (entry.checksum() != null && migration.up() != null && migration.up().sql() != null) {
				int now = flywayChecksum(migration.script(), configuration.classLoader());
				if (now != entry.checksum()) {
					problems.add(migration.script() + " has changed since Flyway applied it as version " + entry.versionText()
							+ " (checksum in " + foreign.table() + " " + entry.checksum() + ", the file now " + now
							+ "): put the file back as it was applied; if the change is meant, run flyway repair first");
					continue;
				}
			}
			if (entry.md5sum() != null && migration.up() != null) {
				String changed = changedChangeset(foreign, entry, migration, liquibaseChecksums, configuration.classLoader());
				if (changed != null) {
					problems.add(changed);
					continue;
				}
			}
			rows.add(row(migration, entry));
		}
		if (!problems.isEmpty()) {
			throw new MigratorException("Cannot adopt " + foreign + " history, nothing was changed:\n - "
					+ String.join("\n - ", problems));
		}
		this.session.history().create(this.session.connection());
		try {
			this.session.transaction(true, SCRIPT, () -> {
				for (AppliedMigration row : rows) {
					this.session.history().save(this.session.connection(), row);
					this.session.log(row.version().toString(), row.description() + " (adopted from " + foreign.table()
							+ ((row.appliedBy() != null) ? ", applied by " + row.appliedBy() : "") + ")", LogRecord.ADOPT, true,
							null, 0L);
				}
			});
		}
		catch (StepFailure ex) {
			throw new MigratorException("Adopting " + foreign + " history failed, nothing was changed: " + ex.getMessage(), ex);
		}
		logger.info("Adopted {} versions from {} history; {} is left as it is", rows.size(), foreign, foreign.table());
		return rows.size();
	}

	private AppliedMigration row(ResolvedMigration migration, ForeignHistory.Entry entry) {
		return new AppliedMigration(migration.version(), migration.description(), migration.type(), migration.script(),
				migration.checksum(), Status.APPLIED, at(entry), by(entry), entry.executionTimeMs());
	}

	/**
	 * A repeatable as Flyway last ran it: with the file's checksum where Flyway's CRC32 of the file matches,
	 * so it does not run again; otherwise with Flyway's own, which no file has, so the next run re-applies
	 * it (a changed repeatable is not drift).
	 */
	private AppliedMigration repeatableRow(ResolvedMigration migration, ForeignHistory.Entry entry,
			Configuration configuration) {
		// Flyway's CRC32 of the file, or (Flyway 6.3 and later) of the script with its placeholders replaced
		boolean same = entry.checksum() != null
				&& (flywayChecksum(migration.script(), configuration.classLoader()) == entry.checksum()
						|| (migration.up().sql() != null && crc32OfLines(migration.up().sql()) == entry.checksum()));
		String checksum = same ? migration.checksum() : "flyway-crc32:" + entry.checksum();
		return new AppliedMigration(migration.version(), migration.description(), migration.type(), migration.script(),
				checksum, Status.APPLIED, at(entry), by(entry), entry.executionTimeMs());
	}

	private static Instant at(ForeignHistory.Entry entry) {
		return (entry.appliedAt() != null) ? entry.appliedAt() : Instant.now();
	}

	private String by(ForeignHistory.Entry entry) {
		return (entry.appliedBy() != null) ? entry.appliedBy() : this.session.user();
	}

	private static String whatToRun(ForeignHistory foreign) {
		return switch (foreign.tool()) {
			case "flyway" -> "flyway repair removes the failed row";
			case "golang-migrate" -> "migrate force <version>";
			case "liquibase" -> "delete its FAILED row from DATABASECHANGELOG";
			default -> "its own repair";
		};
	}

	private static String summary(ForeignHistory foreign, List<ForeignHistory.Entry> entries) {
		List<ForeignHistory.Entry> repeatables = entries.stream()
			.filter((e) -> e.version() != null && e.version().isRepeatable())
			.toList();
		String andRepeatables = repeatables.isEmpty() ? ""
				: " and " + repeatables.size() + " repeatable migration" + ((repeatables.size() == 1) ? "" : "s");
		entries = entries.stream().filter((e) -> !repeatables.contains(e)).toList();
		if (entries.isEmpty()) {
			return "no version applied" + andRepeatables;
		}
		ForeignHistory.Entry first = entries.get(0);
		ForeignHistory.Entry last = entries.get(entries.size() - 1);
		long failed = entries.stream().filter(ForeignHistory.Entry::failed).count();
		return entries.size() + ((entries.size() == 1) ? " version" : " versions") + " applied ("
				+ ((entries.size() == 1) ? first.versionText() : first.versionText() + " to " + last.versionText())
				+ ((last.appliedAt() != null) ? ", the newest on " + last.appliedAt() : "")
				// Flyway on SQLite records an empty installed_by: no "by" then
				+ ((last.appliedBy() != null && !last.appliedBy().isBlank() && !last.appliedBy().equals(foreign.tool()))
						? " by " + last.appliedBy() : "")
				+ ")" + ((failed > 0) ? ", " + failed + " of them failed or dirty" : "") + andRepeatables
				+ "; these would be imported";
	}

	/**
	 * A problem when the changeset's text has changed since Liquibase ran it: its MD5SUM recomputed from
	 * the changelog file, as Liquibase 4.x computes it (checksum version 9). Null when it matches, or cannot
	 * be checked: an MD5SUM of an older Liquibase's version, or a folder no longer in formatted SQL.
	 */
	private static String changedChangeset(ForeignHistory foreign, ForeignHistory.Entry entry, ResolvedMigration migration,
			Map<String, Map<String, String>> cache, ClassLoader classLoader) {
		if (!entry.md5sum().startsWith("9:")) {
			logger.info("{}: changeset {} has an MD5SUM of an older Liquibase ({}), which is not checked", migration.script(),
					entry.description(), entry.md5sum());
			return null;
		}
		Map<String, String> checksums = cache.computeIfAbsent(migration.script(),
				(script) -> LiquibaseChecksums.of(script, new String(read(script, classLoader, "Liquibase's MD5SUM"),
						StandardCharsets.UTF_8)));
		String now = checksums.get(entry.description());
		if (now == null || now.equals(entry.md5sum())) {
			return null;
		}
		String[] authorAndId = entry.description().split(":", 2);
		return migration.script() + ": changeset " + entry.description() + " has changed since Liquibase ran it (MD5SUM in "
				+ foreign.table() + " " + entry.md5sum() + ", the changeset now " + now + "): put it back as it was run; if the"
				+ " change is meant, clear its MD5SUM first (UPDATE DATABASECHANGELOG SET MD5SUM = NULL WHERE AUTHOR = '"
				+ authorAndId[0] + "' AND ID = '" + ((authorAndId.length > 1) ? authorAndId[1] : "") + "', or liquibase"
				+ " clear-checksums for every row), then adopt again";
	}

	/** A script's bytes, from its file or the class path. */
	private static byte[] read(String script, ClassLoader classLoader, String what) {
		try {
			Path path = Path.of(script);
			if (Files.isRegularFile(path)) {
				return Files.readAllBytes(path);
			}
			try (InputStream in = classLoader.getResourceAsStream(script)) {
				if (in == null) {
					throw new MigratorException("Cannot read " + script + " to check it against " + what);
				}
				return in.readAllBytes();
			}
		}
		catch (IOException ex) {
			throw new MigratorException("Cannot read " + script + " to check it against " + what + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Flyway's checksum of a script: CRC32 over its lines without their line breaks, a byte-order mark
	 * dropped, as Flyway computes it, so a file changed since Flyway applied it is found.
	 */
	static int flywayChecksum(String script, ClassLoader classLoader) {
		byte[] bytes = read(script, classLoader, "Flyway's checksum");
		return crc32OfLines(new String(bytes, StandardCharsets.UTF_8));
	}

	/** CRC32 over a text's lines without their line breaks, a byte-order mark dropped, as Flyway computes it. */
	private static int crc32OfLines(String text) {
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		CRC32 crc = new CRC32();
		for (String line : text.split("\r\n|\r|\n", -1)) {
			crc.update(line.getBytes(StandardCharsets.UTF_8));
		}
		return (int) crc.getValue();
	}

}
