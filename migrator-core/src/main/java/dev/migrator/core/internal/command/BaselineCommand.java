package dev.migrator.core.internal.command;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.MigrationRun;
import dev.migrator.core.api.MigrationType;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.api.ValidationException;
import dev.migrator.core.internal.history.AppliedMigration;
import dev.migrator.core.internal.lock.LockLease;
import dev.migrator.core.internal.history.AppliedMigration.Status;
import dev.migrator.core.api.LogRecord;

/**
 * Marks an existing database as being at a version, so migrations up to it are never applied:
 * how a database built before Migrator is taken over.
 */
public final class BaselineCommand {

	private static final Logger logger = LoggerFactory.getLogger(BaselineCommand.class);

	static final String SCRIPT = "<< baseline >>";

	private final Session session;

	public BaselineCommand(Session session) {
		this.session = session;
	}

	@SuppressWarnings("try") // the lease holds the lock until the block ends; nothing reads it
	public RunResult run(MigrationVersion version, String description) {
		if (version.isEmpty()) {
			throw new MigratorException("Cannot baseline at version 0: give the version the database is already at, e.g. 1");
		}
		String text = (description == null || description.isBlank()) ? "baseline" : description;
		try (LockLease lease = this.session.lock()) {
			List<AppliedMigration> rows = this.session.history().load(this.session.connection());
			if (!rows.isEmpty()) {
				throw new ValidationException(List.of("Cannot baseline at " + version + ": the history already has "
						+ rows.size() + " entries (newest " + rows.get(rows.size() - 1).version()
						+ "); baseline only a database Migrator has never migrated"));
			}
			this.session.history().create(this.session.connection());
			this.session.transaction(true, SCRIPT, () -> {
				this.session.history()
					.save(this.session.connection(), new AppliedMigration(version, text, MigrationType.BASELINE,
							SCRIPT, null, Status.APPLIED, Instant.now(), this.session.user(), 0));
				this.session.log(version.toString(), text, LogRecord.BASELINE, true, null, 0L);
			});
			logger.info("Baselined the database at version {} ({})", version, text);
			return new RunResult(MigrationVersion.EMPTY, version,
					List.of(new MigrationRun(version, text, MigrationType.BASELINE, SCRIPT, Duration.ZERO)), List.of());
		}
		catch (SQLException ex) {
			throw Failures.database("baseline", ex);
		}
		catch (StepFailure ex) {
			throw new MigratorException("baseline failed: " + ex.getMessage(), ex);
		}
	}

}
