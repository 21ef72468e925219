package dev.migrator.core.api;

import java.time.Duration;

/** One migration that ran (up or down) as part of a command. */
public record MigrationRun(MigrationVersion version, String description, MigrationType type, String script,
		Duration duration) {
}
