package dev.migrator.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.migrator.core.Migrator;
import dev.migrator.core.api.IntegrityCheck;
import dev.migrator.core.api.LockMode;
import dev.migrator.core.api.TransactionMode;

/**
 * The engine's settings beyond connection and locations, each read and checked like the others
 * (a bad value is bad input naming its origin); null means the engine's default.
 */
record EngineSettings(String schema, TransactionMode transaction, Boolean failOnStrayFiles, Boolean ignoreMissingMigrations,
		IntegrityCheck integrityCheck, LockMode lockMode, Duration lockLease, Duration lockMaxWait, Duration migrationLockTimeout,
		Duration statementTimeout, Boolean backupCompress, Integer backupRetentionCount, Duration backupRetentionAge,
		Path backupDumpTool, String adopt, Map<String, String> placeholders) {

	static EngineSettings resolve(SettingSources sources) {
		Integer count = integer(sources, Setting.BACKUP_RETENTION_COUNT);
		String dumpTool = sources.value(Setting.BACKUP_DUMP_TOOL);
		return new EngineSettings(sources.value(Setting.SCHEMA), choice(sources, Setting.TRANSACTION, TransactionMode.class),
				optionalBool(sources, Setting.FAIL_ON_STRAY_FILES), optionalBool(sources, Setting.IGNORE_MISSING_MIGRATIONS),
				choice(sources, Setting.INTEGRITY_CHECK, IntegrityCheck.class), choice(sources, Setting.LOCK_MODE, LockMode.class),
				Settings.duration(sources, Setting.LOCK_LEASE), Settings.duration(sources, Setting.LOCK_MAX_WAIT),
				Settings.duration(sources, Setting.MIGRATION_LOCK_TIMEOUT),
				Settings.duration(sources, Setting.STATEMENT_TIMEOUT), optionalBool(sources, Setting.BACKUP_COMPRESS), count,
				Settings.duration(sources, Setting.BACKUP_RETENTION_AGE),
				(dumpTool != null) ? sources.path(dumpTool) : null, sources.value(Setting.ADOPT), sources.placeholders());
	}

	/** Sets on the builder what was given, leaving the engine's defaults for the rest. */
	void applyTo(Migrator.Builder builder) {
		if (this.schema != null) {
			builder.schema(this.schema);
		}
		if (this.transaction != null) {
			builder.transactionMode(this.transaction);
		}
		if (this.failOnStrayFiles != null) {
			builder.failOnStrayFiles(this.failOnStrayFiles);
		}
		if (this.ignoreMissingMigrations != null) {
			builder.ignoreMissingMigrations(this.ignoreMissingMigrations);
		}
		if (this.integrityCheck != null) {
			builder.integrityCheck(this.integrityCheck);
		}
		if (this.lockMode != null) {
			builder.lockMode(this.lockMode);
		}
		if (this.lockMaxWait != null) {
			builder.lockMaxWait(this.lockMaxWait);
		}
		if (this.lockLease != null) {
			builder.lockLease(this.lockLease);
		}
		if (this.migrationLockTimeout != null) {
			builder.migrationLockTimeout(this.migrationLockTimeout);
		}
		if (this.statementTimeout != null) {
			builder.statementTimeout(this.statementTimeout);
		}
		if (this.backupCompress != null) {
			builder.backupCompress(this.backupCompress);
		}
		// never builder.configuration() here: the database is given after these settings
		if (this.backupRetentionCount != null) {
			builder.backupRetentionCount(this.backupRetentionCount);
		}
		if (this.backupRetentionAge != null) {
			builder.backupRetentionAge(this.backupRetentionAge);
		}
		if (this.backupDumpTool != null) {
			builder.backupDumpTool(this.backupDumpTool);
		}
		if (this.adopt != null) {
			builder.adopt(this.adopt);
		}
		builder.placeholders(this.placeholders);
	}

	private static Boolean optionalBool(SettingSources sources, Setting setting) {
		return (sources.value(setting) != null) ? Settings.bool(sources, setting, false) : null;
	}

	private static Integer integer(SettingSources sources, Setting setting) {
		String value = sources.value(setting);
		if (value == null) {
			return null;
		}
		try {
			return Integer.valueOf(value);
		}
		catch (NumberFormatException ex) {
			throw new BadInputException("'" + value + "' (from " + sources.origin(setting) + ") is not a whole number");
		}
	}

	/** An enum value as the command line writes it: lower case with dashes (per-migration, quick). */
	private static <E extends Enum<E>> E choice(SettingSources sources, Setting setting, Class<E> type) {
		String value = sources.value(setting);
		if (value == null) {
			return null;
		}
		String name = value.toUpperCase(Locale.ROOT).replace('-', '_');
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equals(name)) {
				return constant;
			}
		}
		throw new BadInputException("'" + value + "' (from " + sources.origin(setting) + ") is not one of "
				+ Arrays.stream(type.getEnumConstants()).map(EngineSettings::cliName).collect(Collectors.joining(", ")));
	}

	static String cliName(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
