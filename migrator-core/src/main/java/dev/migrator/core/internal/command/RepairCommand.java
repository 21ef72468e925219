package dev.migrator.core.internal.command;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.MigrationType;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RepairResult;
import dev.migrator.core.internal.history.AppliedMigration;
import dev.migrator.core.internal.lock.LockLease;
import dev.migrator.core.internal.history.AppliedMigration.Status;
import dev.migrator.core.api.LogRecord;
import dev.migrator.core.internal.resolve.ResolvedMigration;

/**
 * Clears failed entries from the history (forgets them: the operator undid by hand what they left,
 * and the next migrate runs them again) and realigns the checksums and descriptions of applied
 * migrations with the code, logging each change; or marks one failed migration applied (the
 * operator finished it by hand). It changes no schema.
 */
public final class RepairCommand {

	private static final Logger logger = LoggerFactory.getLogger(RepairCommand.class);

	private final Session session;

	public RepairCommand(Session session) {
		this.session = session;
	}

	@SuppressWarnings("try") // the lease holds the lock until the block ends; nothing reads it
	public RepairResult run() {
		try {
			if (!this.session.history().exists(this.session.connection())) {
				return new RepairResult(List.of(), List.of());
			}
			try (LockLease lease = this.session.lock()) {
				return repair();
			}
		}
		catch (SQLException ex) {
			throw Failures.database("repair", ex);
		}
		catch (StepFailure ex) {
			throw new MigratorException("repair failed: " + ex.getMessage(), ex);
		}
	}

	/** Records the failed migration {@code version} as applied: the operator finished by hand what it left. */
	@SuppressWarnings("try") // the lease holds the lock until the block ends; nothing reads it
	public RepairResult markApplied(MigrationVersion version) {
		try (LockLease lease = this.session.lock()) {
			MigrationStates states = this.session.states();
			AppliedMigration row = states.applied(version);
			ResolvedMigration code = states.resolved(version);
			if (row == null || row.status() != Status.FAILED) {
				throw new MigratorException("Migration " + version + " is not a failed migration ("
						+ ((row == null) ? "the history has no row for it" : "it is " + row.status().value())
						+ "); only a failed or interrupted migration can be marked applied. Nothing was changed.");
			}
			if (code == null) {
				throw new MigratorException("Migration " + version + " (" + row.script() + ") is no longer in the code;"
						+ " restore its file before marking it applied. Nothing was changed.");
			}
			this.session.transaction(true, "repair", () -> {
				this.session.history().save(this.session.connection(), new AppliedMigration(row.version(),
						code.description(), code.type(), code.script(), code.checksum(), Status.APPLIED,
						Instant.now(), this.session.user(), 0));
				this.session.log(row.version().toString(), code.description(), LogRecord.REPAIR, true,
						"marked applied: finished by hand after it failed or was interrupted", null);
			});
			logger.info("Repair marked migration {} ({}) applied", version, code.script());
			return new RepairResult(List.of(), List.of(), List.of(version));
		}
		catch (SQLException ex) {
			throw Failures.database("repair", ex);
		}
		catch (StepFailure ex) {
			throw new MigratorException("repair failed: " + ex.getMessage(), ex);
		}
	}

	private RepairResult repair() throws SQLException, StepFailure {
		MigrationStates states = this.session.states();
		List<MigrationVersion> removed = new ArrayList<>();
		List<MigrationVersion> realigned = new ArrayList<>();
		this.session.transaction(true, "repair", () -> {
			for (AppliedMigration row : states.rows()) {
				ResolvedMigration code = states.resolved(row.version());
				if (row.status() == Status.FAILED) {
					this.session.history().delete(this.session.connection(), row.version());
					this.session.log(row.version().toString(), row.description(), LogRecord.REPAIR, true,
							"removed the failed entry (forgotten: the next migrate runs it again)", null);
					removed.add(row.version());
				}
				// a changed repeatable is not drift: it runs again, so its applied checksum must stay
				else if (row.status() == Status.APPLIED && code != null && row.type() != MigrationType.BASELINE
						&& row.type() != MigrationType.REPEATABLE && differs(row, code)) {
					this.session.history().save(this.session.connection(), realign(row, code));
					this.session.log(row.version().toString(), code.description(), LogRecord.REPAIR, true,
							"realigned checksum " + row.checksum() + " -> " + code.checksum()
									+ " and description with " + code.script(), null);
					realigned.add(row.version());
				}
			}
		});
		logger.info("Repair removed {} failed entries and realigned {} applied migrations", removed.size(),
				realigned.size());
		return new RepairResult(removed, realigned);
	}

	private static boolean differs(AppliedMigration row, ResolvedMigration code) {
		return row.type() != code.type() || !java.util.Objects.equals(row.checksum(), code.checksum())
				|| !row.description().equals(code.description()) || !row.script().equals(code.script());
	}

	private static AppliedMigration realign(AppliedMigration row, ResolvedMigration code) {
		return new AppliedMigration(row.version(), code.description(), code.type(), code.script(), code.checksum(),
				row.status(), row.appliedAt(), row.appliedBy(), row.executionTimeMs());
	}

}
