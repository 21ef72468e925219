package dev.migrator.core.internal.command;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.internal.history.AppliedMigration;
import dev.migrator.core.internal.history.AppliedMigration.Status;
import dev.migrator.core.internal.resolve.Prerequisites;
import dev.migrator.core.internal.resolve.ResolvedMigration;

/**
 * {@code -- migrator:requires}: a migration applies only once what it requires is applied, and
 * what it requires is not rolled back while it stays applied. Checked before a run changes anything.
 */
final class Requirements {

	private Requirements() {
	}

	/**
	 * The pending migrations, in the order they would apply, whose required versions are neither
	 * applied nor applied earlier in the same run.
	 */
	static List<String> unmetBefore(MigrationStates states, List<ResolvedMigration> pending) {
		List<String> problems = new ArrayList<>();
		Set<MigrationVersion> earlierInRun = new HashSet<>();
		for (ResolvedMigration migration : pending) {
			for (Prerequisites.Required required : migration.prerequisites().requires()) {
				MigrationVersion version = required.version();
				if (applied(states, version) || earlierInRun.contains(version)) {
					continue;
				}
				ResolvedMigration other = states.resolved(version);
				String otherName = (other != null) ? other.script() : "version " + version;
				// a target never leaves out an earlier version, so a later one is the only way to miss one pending
				String what = (version.compareTo(migration.version()) > 0)
						? "which applies after it in version order; a migration can require a later version only"
								+ " when that one is already applied: renumber " + migration.script() + " above " + version
								+ ", or remove the requirement"
						: "which is not applied; apply " + otherName + " first";
				problems.add(migration.script() + ":" + required.line() + ": requires " + version + " (" + otherName
						+ "), " + what);
			}
			earlierInRun.add(migration.version());
		}
		return problems;
	}

	/**
	 * For a rollback of {@code range}: every migration that stays applied and requires one in the
	 * range. Rolling both back in the same rollback is fine.
	 */
	static List<String> brokenBy(MigrationStates states, List<AppliedMigration> range) {
		List<String> problems = new ArrayList<>();
		Set<MigrationVersion> rolledBack = new HashSet<>();
		range.forEach((r) -> rolledBack.add(r.version()));
		for (AppliedMigration staying : states.appliedRows()) {
			ResolvedMigration dependent = states.resolved(staying.version());
			if (dependent == null || rolledBack.contains(staying.version())) {
				continue;
			}
			for (Prerequisites.Required required : dependent.prerequisites().requires()) {
				if (!rolledBack.contains(required.version())) {
					continue;
				}
				ResolvedMigration other = states.resolved(required.version());
				String otherName = (other != null) ? other.script() : "version " + required.version();
				MigrationVersion lowest = (staying.version().compareTo(required.version()) < 0) ? staying.version()
						: required.version();
				problems.add("Cannot roll back " + required.version() + " (" + otherName + "): " + dependent.script() + ":"
						+ required.line() + " requires it, and " + dependent.script() + " stays applied; roll both back"
						+ " in one rollback: rollbackTo(" + states.versionBelow(lowest) + ")");
			}
		}
		return problems;
	}

	private static boolean applied(MigrationStates states, MigrationVersion version) {
		AppliedMigration row = states.applied(version);
		return row != null && row.status() == Status.APPLIED;
	}

}
