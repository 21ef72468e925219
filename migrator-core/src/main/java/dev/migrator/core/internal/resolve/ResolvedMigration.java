package dev.migrator.core.internal.resolve;

import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationType;
import dev.migrator.core.api.MigrationVersion;

/**
 * A migration as found in the code. A SQL migration has {@code up} (and maybe {@code down},
 * {@code verify}); a Java one has {@code java}. {@code checksumVaries}: the checksum depends on the run's
 * settings (a repeatable's placeholders), so a build-time index cannot vouch for it.
 */
public record ResolvedMigration(MigrationVersion version, String description, MigrationType type, String script,
		String checksum, SqlScript up, SqlScript down, SqlScript verify, JavaMigration java,
		Prerequisites prerequisites, boolean checksumVaries) {

	public static ResolvedMigration sql(MigrationVersion version, String description, String checksum, SqlScript up,
			SqlScript down, SqlScript verify, Prerequisites prerequisites) {
		return new ResolvedMigration(version, description, MigrationType.SQL, up.name(), checksum, up, down, verify,
				null, prerequisites, false);
	}

	/** A repeatable SQL migration: no down, run again whenever its checksum changes. */
	public static ResolvedMigration repeatable(MigrationVersion version, String description, String checksum,
			SqlScript up, SqlScript verify, Prerequisites prerequisites, boolean checksumVaries) {
		return new ResolvedMigration(version, description, MigrationType.REPEATABLE, up.name(), checksum, up, null,
				verify, null, prerequisites, checksumVaries);
	}

	public static ResolvedMigration java(MigrationVersion version, JavaMigration migration) {
		return new ResolvedMigration(version, migration.description(), MigrationType.JAVA,
				migration.getClass().getName(), null, null, null, null, migration, Prerequisites.NONE, false);
	}

	/** Whether the migration can be rolled back. */
	public boolean hasDown() {
		if (this.type == MigrationType.JAVA) {
			try {
				return this.java.getClass().getMethod("down", dev.migrator.core.api.MigrationContext.class)
					.getDeclaringClass() != JavaMigration.class;
			}
			catch (NoSuchMethodException ex) {
				return false;
			}
		}
		return this.down != null;
	}

	/** Whether the up runs inside a transaction. */
	public boolean transactional() {
		return this.up == null || this.up.transactional();
	}

}
