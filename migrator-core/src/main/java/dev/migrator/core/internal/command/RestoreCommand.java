package dev.migrator.core.internal.command;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RestoreResult;
import dev.migrator.core.internal.backup.BackupStore;
import dev.migrator.core.internal.lock.LockLease;

/** Lists backups, and restores one under the migration lock, logging it. */
public final class RestoreCommand {

	private static final Logger logger = LoggerFactory.getLogger(RestoreCommand.class);

	private final Session session;

	public RestoreCommand(Session session) {
		this.session = session;
	}

	public List<BackupInfo> list() {
		try {
			return this.session.backupStore().map(BackupStore::list).orElse(List.of());
		}
		catch (SQLException ex) {
			throw Failures.database("backups", ex);
		}
	}

	private MigrationVersion currentVersion() throws SQLException {
		return MigrationStates.currentVersion(this.session.history().load(this.session.connection()));
	}

	@SuppressWarnings("try") // the lease holds the lock until the block ends; nothing reads it
	public RestoreResult restore(String id) {
		try (LockLease lease = this.session.lock()) {
			BackupStore store = this.session.backupStore()
				.orElseThrow(() -> new MigratorException("This " + this.session.dialect().name()
						+ " database has no backups to restore (an in-memory database cannot be backed up)"));
			// From the history alone: a restore must work when a migration file in the code is broken.
			String current = currentVersion().toString();
			long start = System.nanoTime();
			List<String> warnings = new ArrayList<>();
			var result = LogKeepingRestore.restore(this.session, store, id, current, "on request", true, warnings);
			long millis = MigrateCommand.millisSince(start);
			// from here on the backup is in place: what fails is said as a warning, never as a failed restore
			logger.info("Restored backup {} in {} ms; the state before is in backup {}", id, millis,
					result.safetyBackup().id());
			MigrationVersion after = null;
			try {
				after = currentVersion();
			}
			catch (SQLException | RuntimeException ex) {
				warnings.add("The schema version after the restore could not be read (" + ex.getMessage()
						+ "); see status.");
			}
			return new RestoreResult(result.restored(), result.safetyBackup(), after, warnings);
		}
		catch (SQLException ex) {
			throw Failures.database("restore", ex);
		}
	}

}
