package dev.migrator.core.api;

/**
 * Why a migration failed, where: reported by dry runs (a real run throws
 * {@link MigrationFailedException} instead).
 */
public record MigrationFailure(MigrationVersion version, String script, int line, String message) {
}
