package dev.migrator.cli;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.migrator.cli.output.JsonObject;
import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.DataLoss;
import dev.migrator.core.api.LockState;
import dev.migrator.core.api.MigrationFailure;
import dev.migrator.core.api.MigrationInfo;
import dev.migrator.core.api.MigrationRun;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.api.RunResult;

/**
 * The engine's results as the JSON shapes documented in docs/CLI.md: versions as written,
 * moments as ISO-8601 UTC, durations in milliseconds, enum values in lower case, absent values
 * as null. A change here is a change to a documented contract.
 */
final class ResultJson {

	private ResultJson() {
	}

	static String version(MigrationVersion version) {
		return (version != null) ? version.toString() : null;
	}

	static String instant(Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

	static String name(Enum<?> value) {
		return (value != null) ? value.name().toLowerCase(Locale.ROOT) : null;
	}

	static JsonObject backup(BackupInfo backup) {
		if (backup == null) {
			return null;
		}
		return new JsonObject().put("id", backup.id())
			.put("created", instant(backup.created()))
			.put("version", backup.version())
			.put("sizeBytes", backup.size())
			.put("verified", backup.verified())
			.put("checksum", backup.checksum());
	}

	static JsonObject dataLoss(DataLoss dataLoss) {
		if (dataLoss == null) {
			return null;
		}
		return new JsonObject().put("version", version(dataLoss.version()))
			.put("effects", dataLoss.effects())
			.put("rows", dataLoss.rows())
			.put("losesData", dataLoss.losesData());
	}

	static JsonObject migration(MigrationInfo migration) {
		return new JsonObject().put("version", version(migration.version()))
			.put("description", migration.description())
			.put("type", name(migration.type()))
			.put("script", migration.script())
			.put("checksum", migration.checksum())
			.put("state", name(migration.state()))
			.put("appliedAt", instant(migration.appliedAt()))
			.put("appliedBy", migration.appliedBy())
			.put("executionTimeMs", migration.executionTimeMs())
			.put("rollbackAvailable", migration.rollbackAvailable())
			.put("dataLoss", dataLoss(migration.dataLoss()))
			.put("note", migration.note());
	}

	static JsonObject run(MigrationRun run) {
		return new JsonObject().put("version", version(run.version()))
			.put("description", run.description())
			.put("type", name(run.type()))
			.put("script", run.script())
			.put("durationMs", (run.duration() != null) ? run.duration().toMillis() : null);
	}

	static JsonObject failure(MigrationFailure failure) {
		if (failure == null) {
			return null;
		}
		return new JsonObject().put("version", version(failure.version()))
			.put("script", failure.script())
			.put("line", failure.line())
			.put("message", failure.message());
	}

	/** The fields of a migrate, rollback or baseline result, added to the command's document. */
	static JsonObject runResult(JsonObject document, RunResult result) {
		return document.put("dryRun", result.dryRun())
			.put("previousVersion", version(result.previousVersion()))
			.put("currentVersion", version(result.currentVersion()))
			.put("migrations", result.migrations().stream().map(ResultJson::run).toList())
			.put("failure", failure(result.failure()))
			.put("dataLoss", result.dataLoss().stream().map(ResultJson::dataLoss).toList())
			.put("backup", backup(result.backup()))
			.put("warnings", result.warnings());
	}

	static JsonObject lock(LockState lock) {
		return new JsonObject().put("held", lock.held())
			.put("host", lock.host())
			.put("pid", lock.held() ? lock.pid() : null)
			.put("since", instant(lock.since()));
	}

	static List<JsonObject> backups(List<BackupInfo> backups) {
		return backups.stream().map(ResultJson::backup).toList();
	}

}
