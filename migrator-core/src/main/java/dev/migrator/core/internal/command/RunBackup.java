package dev.migrator.core.internal.command;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.internal.backup.BackupStore;
import dev.migrator.core.internal.backup.RestoreResult;
import dev.migrator.core.internal.dialect.ForeignWrites;

/**
 * The backup a run takes before it changes anything, and the way back to it when the run fails
 * in a way a transaction cannot undo. A run that cannot have a backup says so in its warnings.
 * The way back is taken only when the database proves that nothing but the run itself wrote since
 * the backup ({@link ForeignWrites}): restoring a whole database under a live application would
 * silently discard what it committed meanwhile.
 */
final class RunBackup {

	private static final Logger logger = LoggerFactory.getLogger(RunBackup.class);

	private static final String RESTORED = "The database was restored from backup ";

	private final Session session;

	private final BackupStore store;

	private final BackupInfo taken;

	private final List<String> warnings;

	/** What tells, at a failure, whether anyone else wrote since the backup; null without a backup. */
	private final ForeignWrites.Mark mark;

	private RunBackup(Session session, BackupStore store, BackupInfo taken, List<String> warnings,
			ForeignWrites.Mark mark) {
		this.session = session;
		this.store = store;
		this.taken = taken;
		this.warnings = warnings;
		this.mark = mark;
	}

	private RunBackup(Session session, List<String> warnings) {
		this(session, null, null, warnings, null);
	}

	/**
	 * Takes and verifies the backup, then applies retention, which never deletes it. A backup that
	 * fails stops the run here, before anything changed.
	 */
	static RunBackup take(Session session, MigrationVersion version) throws SQLException {
		List<String> warnings = new ArrayList<>();
		if (session.dryRun()) {
			return new RunBackup(session, warnings);
		}
		if (!session.configuration().backup().enabled()) {
			warnings.add("No backup was taken: backups are disabled; a failure a transaction cannot undo cannot be restored automatically");
			return new RunBackup(session, warnings);
		}
		Optional<BackupStore> store = session.backupStore();
		if (store.isEmpty() && session.dialect().backupNotExpected()) {
			logger.info("No backup was taken: {}", session.dialect().noBackupReason());
			return new RunBackup(session, warnings);
		}
		if (store.isEmpty()) {
			warnings.add("No backup was taken: " + session.dialect().noBackupReason() + (session.dialect().transactionalDdl()
					? "; the run relies on transactions alone"
					: ". A migration that fails after " + session.dialect().name() + " committed part of it cannot be "
							+ "restored automatically: the run relies on its own statement log, which records exactly "
							+ "which statements ran and were committed"));
			return new RunBackup(session, warnings);
		}
		// before the backup: a write between the mark and the backup's snapshot is then a false alarm, never a miss
		ForeignWrites.Mark mark = mark(session);
		// a whole read of the database, worth it only where a backup of this version exists: a failed run repeated
		Optional<String> state = store.get().hasBackupAt(session.connection(), version.toString()) ? state(session)
				: Optional.empty();
		Optional<BackupInfo> same = state.flatMap((s) -> store.get().sameState(session.connection(), version.toString(), s));
		BackupInfo backup;
		if (same.isPresent() && nobodyElseWrote(session, mark)) {
			backup = same.get();
			logger.info("Reused backup {}: the database is in the state it holds (version {}, the same schema and rows; "
					+ "the log is carried over by every restore), so no new backup was taken", backup.id(), version);
		}
		else {
			backup = store.get().backup(session.connection(), version.toString());
			// the fingerprint holds for the backup only if nobody wrote between the two
			if (state.isPresent() && nobodyElseWrote(session, mark)) {
				store.get().recordState(backup.id(), state.get());
			}
		}
		store.get().prune(backup.id());
		return new RunBackup(session, store.get(), backup, warnings, mark);
	}

	/** The database's state fingerprint, or empty where the dialect has none or it cannot be read. */
	private static Optional<String> state(Session session) {
		try {
			return session.dialect().stateFingerprint(session.connection(), session.configuration());
		}
		catch (SQLException | RuntimeException ex) {
			logger.warn("Cannot fingerprint the database's state, so no earlier backup can be reused: {}", ex.getMessage());
			return Optional.empty();
		}
	}

	private static boolean nobodyElseWrote(Session session, ForeignWrites.Mark mark) {
		try {
			return mark.othersWrote(session.connection()).isEmpty();
		}
		catch (SQLException ex) {
			return false;
		}
	}

	private static ForeignWrites.Mark mark(Session session) {
		try {
			return session.dialect().foreignWrites().mark(session.connection());
		}
		catch (SQLException ex) {
			logger.warn("Cannot mark the database's state to tell other writers apart later: {}", ex.getMessage());
			return (connection) -> Optional.of("whether other connections wrote since could not be checked ("
					+ ex.getMessage() + ")");
		}
	}

	/** The backup of this run, or null. */
	BackupInfo info() {
		return this.taken;
	}

	List<String> warnings() {
		return this.warnings;
	}

	/** Whether a sentence of {@link #restoreAfter} says the backup was put back. */
	static boolean restored(String sentence) {
		return sentence != null && sentence.startsWith(RESTORED);
	}

	/**
	 * Puts the run's backup back after a failure, logging it; returns a sentence for the error
	 * message, whether or not it could.
	 */
	String restoreAfter(String failure, MigrationVersion current) {
		if (this.taken == null) {
			return "No backup of this run exists to restore from"
					+ (this.warnings.isEmpty() ? "." : ": " + this.warnings.get(0) + ".");
		}
		Optional<String> othersWrote = othersWrote();
		if (othersWrote.isPresent()) {
			return refused(failure, othersWrote.get());
		}
		try {
			List<String> restoreWarnings = new ArrayList<>();
			// the backup in place, the restore is said as done, with what could not be logged
			RestoreResult result = LogKeepingRestore.restore(this.session, this.store, this.taken.id(), current.toString(),
					"after " + failure, false, restoreWarnings);
			logger.warn("Restored backup {} after {}", this.taken.id(), failure);
			return RESTORED + this.taken.id()
					+ " taken before this run: schema and data are as they were before it (migrations applied earlier in this run were undone too). The failed state is kept in backup "
					+ result.safetyBackup().id() + "."
					+ restoreWarnings.stream().map((w) -> " " + w + (w.endsWith(".") ? "" : ".")).collect(Collectors.joining());
		}
		catch (RuntimeException | SQLException ex) {
			logger.error("Automatic restore of backup {} failed", this.taken.id(), ex);
			return "Restoring backup " + this.taken.id() + " automatically FAILED (" + ex.getMessage()
					+ "); " + this.store.restoreByHand(this.taken.id()) + ".";
		}
	}

	private Optional<String> othersWrote() {
		try {
			return this.mark.othersWrote(this.session.connection());
		}
		catch (SQLException | RuntimeException ex) {
			return Optional.of("whether other connections wrote since could not be checked (" + ex.getMessage() + ")");
		}
	}

	/** Leaves the database as it is, and says what the choice is and what each way costs. */
	private String refused(String failure, String othersWrote) {
		String id = this.taken.id();
		logger.error("Did not restore backup {} after {}: {}", id, failure, othersWrote);
		return "Backup " + id + " (" + this.store.directory().resolve(id) + "), taken before this run at "
				+ this.taken.created() + ", was NOT restored automatically: " + othersWrote
				+ ". Restoring it would silently discard those writes, so the database is left as it is. Choose one: "
				+ "restore(\"" + id + "\")"
				+ " to return to the state before this run, losing every write made since " + this.taken.created()
				+ "; or finish or undo the migration by hand, keeping those writes, and run repair().";
	}

}
