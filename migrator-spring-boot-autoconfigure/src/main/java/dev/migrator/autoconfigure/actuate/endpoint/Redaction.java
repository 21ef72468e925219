package dev.migrator.autoconfigure.actuate.endpoint;

import java.util.List;
import java.util.regex.Pattern;

import dev.migrator.autoconfigure.actuate.endpoint.MigrationsEndpoint.DataLossDescriptor;
import dev.migrator.autoconfigure.actuate.endpoint.MigrationsEndpoint.ErrorDescriptor;
import dev.migrator.autoconfigure.actuate.endpoint.MigrationsEndpoint.FailureDescriptor;
import dev.migrator.autoconfigure.actuate.endpoint.MigrationsEndpoint.MigrationDescriptor;
import dev.migrator.autoconfigure.actuate.endpoint.MigrationsEndpoint.MigrationDetailDescriptor;
import dev.migrator.autoconfigure.actuate.endpoint.MigrationsEndpoint.MigrationsDescriptor;
import dev.migrator.autoconfigure.actuate.endpoint.MigrationsEndpoint.RunDescriptor;
import dev.migrator.autoconfigure.actuate.endpoint.MigrationsEndpoint.RunMigrationDescriptor;
import dev.migrator.core.api.LockState;
import dev.migrator.core.api.LogRecord;

/**
 * The endpoint's answers for a caller to whom {@code show-values} does not show details: error
 * texts (a database's message may quote row data), absolute script paths (only the file name is
 * left; a classpath name such as {@code db/migration/001_x.sql} says nothing of the host) and
 * user or host names (who applied, who holds the lock) are taken out; versions, states, counts and
 * times stay.
 */
final class Redaction {

	static final String HIDDEN = "hidden: shown to authorized callers (management.endpoint.migrations.show-values)";

	/** The directories of an absolute path, Unix or Windows, inside a longer text. */
	private static final Pattern DIRECTORIES = Pattern
		.compile("(?<![^\\s('\"])(?:[A-Za-z]:)?[\\\\/](?:[^\\s:()'\"\\\\/]+[\\\\/])+");

	private Redaction() {
	}

	static MigrationsDescriptor of(MigrationsDescriptor all) {
		return new MigrationsDescriptor(all.currentVersion(), all.status(), all.reasons(), migrations(all.pending()),
				migrations(all.applied()), counted(all.problems(), "problem"), counted(all.warnings(), "warning"),
				log(all.log()), lock(all.lock()), all.backups(), all.convention(),
				(all.dashboard() != null) ? all.dashboard().redacted(Redaction::log, Redaction::dataLoss) : null,
				all.instances(),
				(all.tenants() != null) ? all.tenants().stream().map(TenantDescriptor::redacted).toList() : null);
	}

	static MigrationDetailDescriptor of(MigrationDetailDescriptor detail) {
		return new MigrationDetailDescriptor(migration(detail.migration()), log(detail.log()));
	}

	/** A write's answer (not a 400, which is about the request alone): what the engine said is hidden. */
	static Object of(Object body) {
		if (body instanceof RunDescriptor run) {
			return new RunDescriptor(run.command(), run.dryRun(), run.previousVersion(), run.currentVersion(),
					run.migrations().stream().map(Redaction::run).toList(), counted(run.warnings(), "warning"),
					(run.failure() != null) ? new FailureDescriptor(run.failure().version(),
							fileName(run.failure().script()), run.failure().line(), HIDDEN) : null,
					dataLoss(run.dataLoss()), run.backup());
		}
		if (body instanceof ErrorDescriptor error) {
			String what = error.dataLoss().isEmpty() ? "The engine refused or failed"
					: "Rollback refused, nothing was changed: the downs would drop data (see dataLoss)";
			return new ErrorDescriptor(what + "; its message is " + HIDDEN, counted(error.problems(), "problem"),
					dataLoss(error.dataLoss()));
		}
		return body;
	}

	private static List<MigrationDescriptor> migrations(List<MigrationDescriptor> migrations) {
		return migrations.stream().map(Redaction::migration).toList();
	}

	private static MigrationDescriptor migration(MigrationDescriptor m) {
		return new MigrationDescriptor(m.version(), m.description(), m.type(), fileName(m.script()), m.checksum(),
				m.state(), m.appliedAt(), null, m.executionTimeMs(), m.rollbackAvailable(),
				(m.dataLoss() != null) ? dataLoss(m.dataLoss()) : null);
	}

	private static RunMigrationDescriptor run(RunMigrationDescriptor r) {
		return new RunMigrationDescriptor(r.version(), r.description(), r.type(), fileName(r.script()), r.durationMs());
	}

	private static List<DataLossDescriptor> dataLoss(List<DataLossDescriptor> losses) {
		return losses.stream().map(Redaction::dataLoss).toList();
	}

	private static DataLossDescriptor dataLoss(DataLossDescriptor loss) {
		return new DataLossDescriptor(loss.version(),
				loss.effects().stream().map((effect) -> DIRECTORIES.matcher(effect).replaceAll("")).toList(),
				loss.rows());
	}

	private static List<LogRecord> log(List<LogRecord> log) {
		return log.stream()
			.map((entry) -> new LogRecord(entry.version(), entry.description(), entry.action(), entry.success(),
					(entry.error() != null) ? HIDDEN : null, null, entry.performedAt(), entry.executionTimeMs()))
			.toList();
	}

	private static LockState lock(LockState lock) {
		return (lock == null) ? null : new LockState(lock.held(), null, 0, lock.since());
	}

	private static List<String> counted(List<String> texts, String what) {
		if (texts.isEmpty()) {
			return texts;
		}
		return List.of(texts.size() + " " + what + ((texts.size() == 1) ? "" : "s") + ", " + HIDDEN);
	}

	/** {@code /home/ann/app/001_x.sql} becomes {@code 001_x.sql}; a classpath name stays as it is. */
	static String fileName(String script) {
		if (script == null || !(script.startsWith("/") || script.startsWith("\\") || script.matches("(?s)[A-Za-z]:[\\\\/].*"))) {
			return script;
		}
		int slash = Math.max(script.lastIndexOf('/'), script.lastIndexOf('\\'));
		return script.substring(slash + 1);
	}

}
