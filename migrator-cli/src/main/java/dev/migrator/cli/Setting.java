package dev.migrator.cli;

import java.util.Locale;

/**
 * A setting the command line reads from an option, an environment variable or the properties
 * file, in that order of precedence. The names follow the Spring Boot properties
 * ({@code migrator.lock.wait-timeout}, {@code MIGRATOR_LOCK_WAIT_TIMEOUT}), so one file can serve both.
 */
enum Setting {

	URL("url", "--url"),

	USER("user", "--user"),

	PASSWORD("password", "--password"),

	PASSWORD_FILE("password-file", "--password-file"),

	LOCATIONS("locations", "--locations"),

	CLASSPATH("classpath", "--classpath"),

	TABLE("table", "--table"),

	OUT_OF_ORDER("out-of-order", "--out-of-order"),

	LOCK_WAIT_TIMEOUT("lock.wait-timeout", "--lock-timeout"),

	BACKUP_ENABLED("backup.enabled", "--no-backup"),

	BACKUP_DIRECTORY("backup.directory", "--backup-dir"),

	BACKUP_COMPRESS("backup.compress", "--backup-compress"),

	BACKUP_RETENTION_COUNT("backup.retention.count", "--backup-keep"),

	BACKUP_RETENTION_AGE("backup.retention.age", "--backup-keep-for"),

	BACKUP_DUMP_TOOL("backup.dump-tool", "--dump-tool"),

	SCHEMA("schema", "--schema"),

	TRANSACTION("transaction", "--transaction"),

	FAIL_ON_STRAY_FILES("fail-on-stray-files", "--fail-on-stray-files"),

	IGNORE_MISSING_MIGRATIONS("ignore-missing-migrations", "--ignore-missing"),

	INTEGRITY_CHECK("integrity-check", "--integrity-check"),

	LOCK_MODE("lock.mode", "--lock-mode"),

	LOCK_LEASE("lock.lease", "--lock-lease"),

	LOCK_MAX_WAIT("lock.max-wait", "--lock-max-wait"),

	MIGRATION_LOCK_TIMEOUT("migration-lock-timeout", "--migration-lock-timeout"),

	STATEMENT_TIMEOUT("statement-timeout", "--statement-timeout"),

	VERIFY_DOWNS("verify-downs", "--verify-downs"),

	REQUIRE_DOWN("require-down", "--require-down"),

	ADOPT("adopt", "--adopt");

	private final String name;

	private final String option;

	Setting(String name, String option) {
		this.name = name;
		this.option = option;
	}

	/** The key in the properties file, e.g. {@code migrator.lock.wait-timeout}. */
	String key() {
		return "migrator." + this.name;
	}

	/** The environment variable, e.g. {@code MIGRATOR_LOCK_WAIT_TIMEOUT}. */
	String environmentVariable() {
		return "MIGRATOR_" + this.name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
	}

	/** The command-line option. */
	String option() {
		return this.option;
	}

	/** The setting whose properties key this is, or null. */
	static Setting forKey(String key) {
		for (Setting setting : values()) {
			if (setting.key().equals(key)) {
				return setting;
			}
		}
		return null;
	}

}
