package dev.migrator.core.internal.command;

import java.sql.SQLException;
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
 * Clears failed entries from the history and realigns the checksums and descriptions of applied
 * migrations with the code, logging each change. It changes no schema.
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
							"removed the failed entry", null);
					removed.add(row.version());
				}
				else if (row.status() == Status.APPLIED && code != null && row.type() != MigrationType.BASELINE
						&& differs(row, code)) {
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
