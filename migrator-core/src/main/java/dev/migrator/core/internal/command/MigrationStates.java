package dev.migrator.core.internal.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.LogRecord;
import dev.migrator.core.api.MigrationInfo;
import dev.migrator.core.api.MigrationState;
import dev.migrator.core.api.MigrationType;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.internal.history.AppliedMigration;
import dev.migrator.core.internal.history.AppliedMigration.Status;
import dev.migrator.core.internal.resolve.ResolvedMigration;
import dev.migrator.core.internal.resolve.Resolution;

/**
 * The code's migrations set against the database's history: each version's state, the current
 * version, what is pending, and every disagreement that must stop a run.
 */
final class MigrationStates {

	private final Map<MigrationVersion, ResolvedMigration> resolved = new TreeMap<>();

	private final Map<MigrationVersion, AppliedMigration> applied = new TreeMap<>();

	private final List<MigrationInfo> infos = new ArrayList<>();

	private final List<ResolvedMigration> pending = new ArrayList<>();

	private final List<String> problems = new ArrayList<>();

	private final List<String> warnings = new ArrayList<>();

	private final MigrationVersion current;

	private final MigrationVersion baseline;

	/** Versions the log records as applied but the history has no row for (see {@link #lost}). */
	private final Map<MigrationVersion, LogRecord> lost = new TreeMap<>();

	/** The latest start or migrate log entry of each version with a failed row (see {@link #failure}). */
	private final Map<MigrationVersion, LogRecord> lastAttempts = new TreeMap<>();

	/** Failed versions whose run was interrupted in them, with the details of each failed version. */
	private final Map<MigrationVersion, String> failures = new TreeMap<>();

	/** The file convention of the code's locations, e.g. Flyway. */
	private final String convention;

	/**
	 * @param lost the log's entries of migrations applied whose history rows are gone, from
	 * {@code HistoryStore.appliedButMissing}
	 * @param lastAttempts the latest start or migrate log entry of each version with a failed row, from
	 * {@code HistoryStore.lastAttempts}
	 */
	MigrationStates(Resolution resolution, List<AppliedMigration> history, List<LogRecord> lost,
			Map<MigrationVersion, LogRecord> lastAttempts, Configuration configuration) {
		this.lastAttempts.putAll(lastAttempts);
		this.convention = resolution.convention();
		resolution.migrations().forEach((m) -> this.resolved.put(m.version(), m));
		history.forEach((row) -> this.applied.put(row.version(), row));
		lost.forEach((entry) -> this.lost.put(MigrationVersion.parse(entry.version()), entry));
		this.warnings.addAll(resolution.warnings());
		this.problems.addAll(resolution.problems());
		lost(history.isEmpty(), configuration);
		emptyLocations(resolution, history);
		this.current = currentVersion(history);
		this.baseline = history.stream()
			.filter((row) -> row.type() == MigrationType.BASELINE && row.status() == Status.APPLIED)
			.map(AppliedMigration::version)
			.findFirst()
			.orElse(null);
		MigrationVersion newestInCode = this.resolved.keySet()
			.stream()
			.filter((v) -> !v.isRepeatable())
			.max(MigrationVersion::compareTo)
			.orElse(MigrationVersion.EMPTY);
		TreeMap<MigrationVersion, Boolean> all = new TreeMap<>();
		this.resolved.keySet().forEach((v) -> all.put(v, true));
		this.applied.keySet().forEach((v) -> all.put(v, true));
		for (MigrationVersion version : all.keySet()) {
			classify(version, this.resolved.get(version), this.applied.get(version), newestInCode, configuration);
		}
	}

	private void classify(MigrationVersion version, ResolvedMigration code, AppliedMigration row,
			MigrationVersion newestInCode, Configuration configuration) {
		MigrationState state;
		if (row != null && row.type() == MigrationType.BASELINE) {
			state = MigrationState.BASELINE;
		}
		else if (row != null && row.status() == Status.FAILED) {
			state = MigrationState.FAILED;
			String failure = failure(row);
			this.failures.put(version, failure);
			this.problems.add("Migration " + version + " (" + row.script() + ") is partially applied: " + failure
					+ ". Migrate will not run it again until you repair it: finish it by hand and mark it applied,"
					+ " or undo by hand what it did and forget it (the next migrate then runs it again).");
		}
		else if (version.isRepeatable()) {
			state = repeatable(code, row);
		}
		else if (row != null && row.status() == Status.APPLIED) {
			state = (code == null) ? MigrationState.MISSING : MigrationState.APPLIED;
			if (code == null) {
				missing(row, newestInCode, configuration);
			}
			else {
				compare(code, row);
			}
		}
		else if (code == null) {
			// rolled back, and the file is gone too: nothing left to do with it
			state = MigrationState.ROLLED_BACK;
		}
		else if (this.baseline != null && version.compareTo(this.baseline) <= 0) {
			state = MigrationState.BELOW_BASELINE;
		}
		else if (version.compareTo(this.current) < 0) {
			state = MigrationState.OUT_OF_ORDER;
			if (this.lost.containsKey(version)) {
				// not out of order: applied, its row lost; that problem is already stated
			}
			else if (configuration.outOfOrder()) {
				this.pending.add(code);
			}
			else {
				this.problems.add("Pending migration " + version + " (" + code.script()
						+ ") is below the current version " + this.current + "; give it a version above "
						+ this.current + ", or allow it with outOfOrder(true)");
			}
		}
		else {
			state = (row != null) ? MigrationState.ROLLED_BACK : MigrationState.PENDING;
			this.pending.add(code);
		}
		MigrationInfo info = info(version, code, row, state);
		if (version.isRepeatable() && row != null && code != null && state == MigrationState.PENDING) {
			info = info.withNote("will re-run: changed since applied (checksum now " + code.checksum() + ")");
		}
		this.infos.add(info);
	}

	/**
	 * A repeatable runs on the first run and again whenever its checksum differs from the one applied;
	 * a change is not drift. Its file gone, what it created stays: only a warning.
	 */
	private MigrationState repeatable(ResolvedMigration code, AppliedMigration row) {
		if (code == null) {
			this.warnings.add("Applied repeatable migration " + row.script() + " is no longer in the code; what it"
					+ " created stays (drop it in a versioned migration if it should go)");
			return MigrationState.MISSING;
		}
		if (row != null && row.status() == Status.APPLIED && code.checksum().equals(row.checksum())) {
			return MigrationState.APPLIED;
		}
		this.pending.add(code);
		return MigrationState.PENDING;
	}

	/**
	 * What a failed row may have left, from the log: a start entry with nothing after it is a run
	 * killed (or cut off) in the migration; a failed migrate entry says which statements committed.
	 */
	private String failure(AppliedMigration row) {
		LogRecord last = this.lastAttempts.get(row.version());
		if (last != null && LogRecord.START.equals(last.action())) {
			return "a run started it at " + last.performedAt() + " and was interrupted before it finished (killed, or"
					+ " its connection lost); unknown how far it got, and the statements it ran may have committed";
		}
		String error = (last != null && !last.success() && last.error() != null) ? last.error() : null;
		return "its last attempt failed at " + row.appliedAt() + " and may have left changes"
				+ ((error != null) ? " (" + error.replace(System.lineSeparator(), " ").strip() + ")" : "");
	}

	/**
	 * Rows deleted or the history dropped by hand: running those migrations again would fail on
	 * what they created (or, worse, run twice), so the run stops before touching anything.
	 */
	/**
	 * A location with no script while the history records migrations as applied is a location that is
	 * not what it was (a wrong path, a volume not mounted, a link to a folder that moved): saying "up to
	 * date" there would hide it, and ignoring missing migrations must not hide it either.
	 */
	String convention() {
		return this.convention;
	}

	private void emptyLocations(Resolution resolution, List<AppliedMigration> history) {
		if (resolution.emptyFilesystemLocations().isEmpty()) {
			return;
		}
		history.stream()
			.filter((row) -> row.type() != MigrationType.BASELINE && row.status() == Status.APPLIED)
			.reduce((first, second) -> second)
			.ifPresent((newest) -> resolution.emptyFilesystemLocations()
				.forEach((location) -> this.problems.add("Migration location " + location + " holds no migration"
						+ " file, but the history records migrations as applied (the newest " + newest.version() + ", "
						+ newest.script() + "): the location is wrong or its folder is not there (a volume not mounted,"
						+ " a link to a folder that moved). Correct migrator.locations or mount the folder. Nothing was"
						+ " changed.")));
	}

	private void lost(boolean historyEmpty, Configuration configuration) {
		if (this.lost.isEmpty()) {
			return;
		}
		String table = configuration.table();
		String log = configuration.logTable();
		String restore = "Restore the database from a backup (backups() lists them, restore(id) puts one back)";
		if (historyEmpty) {
			MigrationVersion newest = ((TreeMap<MigrationVersion, LogRecord>) this.lost).lastKey();
			this.problems.add("The history table " + table + " is missing or empty, but its log " + log
					+ " records migrations " + this.lost.keySet() + " as applied (the newest, " + newest + " ("
					+ script(newest) + "), at " + this.lost.get(newest).performedAt() + "): the table was dropped or"
					+ " emptied by hand, and running them again would fail on what they created. " + restore
					+ "; or, if the schema is as migration " + newest + " left it, run baseline(\"" + newest
					+ "\") to record that. Nothing was changed.");
			return;
		}
		this.lost.forEach((version, entry) -> this.problems.add("Migration " + version + " (" + script(version)
				+ ") has no row in the history table " + table + ", but its log " + log + " records it as applied at "
				+ entry.performedAt() + " by " + entry.performedBy() + ": the row was deleted by hand, and running it"
				+ " again would fail on what it created. " + restore + ", or put the row back. Nothing was changed."));
	}

	private String script(MigrationVersion version) {
		ResolvedMigration code = this.resolved.get(version);
		return (code != null) ? code.script() : "no longer in the code";
	}

	private void missing(AppliedMigration row, MigrationVersion newestInCode, Configuration configuration) {
		if (row.version().compareTo(newestInCode) > 0) {
			this.problems.add("The database is newer than the code: migration " + row.version() + " (" + row.script()
					+ ") is applied, but the newest migration in the code is " + newestInCode
					+ "; deploy the code that has it, or roll the database back with that code");
		}
		else if (configuration.ignoreMissingMigrations()) {
			this.warnings.add("Applied migration " + row.version() + " (" + row.script() + ") is no longer in the code");
		}
		else {
			this.problems.add("Applied migration " + row.version() + " (" + row.script()
					+ ") is missing from the code; restore the file, or set ignoreMissingMigrations(true)");
		}
	}

	private void compare(ResolvedMigration code, AppliedMigration row) {
		if (code.type() != row.type()) {
			this.problems.add("Migration " + code.version() + " was applied as " + row.type() + " (" + row.script()
					+ ") but is now " + code.type() + " (" + code.script()
					+ "); restore the original, or repair the history if the change is intended");
		}
		else if (code.checksum() != null && !code.checksum().equals(row.checksum())) {
			this.problems.add(code.script() + " has changed since it was applied as migration " + code.version()
					+ " (checksum applied " + row.checksum() + ", now " + code.checksum()
					+ "); restore the applied content, or repair the history if the change is intended");
		}
		else if (!code.description().equals(row.description())) {
			this.warnings.add("Migration " + code.version() + " is described as '" + code.description()
					+ "' in the code but '" + row.description() + "' in the history; a repair realigns it");
		}
	}

	private MigrationInfo info(MigrationVersion version, ResolvedMigration code, AppliedMigration row,
			MigrationState state) {
		boolean rollbackAvailable = state == MigrationState.APPLIED && code.hasDown();
		if (row == null) {
			return new MigrationInfo(version, code.description(), code.type(), code.script(), code.checksum(), state,
					null, null, null, false, null);
		}
		boolean appliedNow = row.status() == Status.APPLIED;
		return new MigrationInfo(version, row.description(), row.type(), row.script(), row.checksum(), state,
				row.appliedAt(), row.appliedBy(), appliedNow ? row.executionTimeMs() : null, rollbackAvailable, null,
				null, this.failures.get(version));
	}

	/** The highest applied version in a history, or the empty version. */
	static MigrationVersion currentVersion(List<AppliedMigration> history) {
		return history.stream()
			.filter((row) -> row.status() == Status.APPLIED && !row.version().isRepeatable())
			.map(AppliedMigration::version)
			.max(MigrationVersion::compareTo)
			.orElse(MigrationVersion.EMPTY);
	}

	/** Whether a run was interrupted in this failed version (its start marker has no migrate entry after it). */
	boolean interrupted(MigrationVersion version) {
		LogRecord last = this.lastAttempts.get(version);
		return last != null && LogRecord.START.equals(last.action());
	}

	/** The versions whose failed rows block every run, in version order. */
	List<AppliedMigration> failedRows() {
		return this.applied.values().stream().filter((row) -> row.status() == Status.FAILED).toList();
	}

	MigrationVersion current() {
		return this.current;
	}

	List<ResolvedMigration> pending() {
		return this.pending;
	}

	List<String> problems() {
		return this.problems;
	}

	List<String> warnings() {
		return this.warnings;
	}

	List<MigrationInfo> infos() {
		return this.infos;
	}

	ResolvedMigration resolved(MigrationVersion version) {
		return this.resolved.get(version);
	}

	AppliedMigration applied(MigrationVersion version) {
		return this.applied.get(version);
	}

	/** The applied version just below {@code version}, or the empty version: where its rollback lands. */
	MigrationVersion versionBelow(MigrationVersion version) {
		// walked down from the version, not filtered from the whole history: a rollback asks once per step
		TreeMap<MigrationVersion, AppliedMigration> rows = (TreeMap<MigrationVersion, AppliedMigration>) this.applied;
		for (Map.Entry<MigrationVersion, AppliedMigration> below = rows.lowerEntry(version); below != null;
				below = rows.lowerEntry(below.getKey())) {
			if (below.getValue().status() == Status.APPLIED) {
				return below.getKey();
			}
		}
		return MigrationVersion.EMPTY;
	}

	/** Applied versioned rows in version order: repeatables have no down and are never rolled back. */
	List<AppliedMigration> appliedRows() {
		return this.applied.values()
			.stream()
			.filter((row) -> row.status() == Status.APPLIED && !row.version().isRepeatable())
			.toList();
	}

	List<AppliedMigration> rows() {
		return new ArrayList<>(this.applied.values());
	}

}
