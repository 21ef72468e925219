package dev.migrator.core.internal.command;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.Dashboard;
import dev.migrator.core.api.InfoResult;
import dev.migrator.core.api.LockState;
import dev.migrator.core.api.LogRecord;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.internal.resolve.ResolvedMigration;

/** The dashboard: info with the data-loss estimates, the whole log, the lock and the backups, on one session. */
public final class DashboardCommand {

	private final Session session;

	public DashboardCommand(Session session) {
		this.session = session;
	}

	public Dashboard run() {
		InfoCommand info = new InfoCommand(this.session);
		InfoResult states = info.run();
		LockState lock = info.lockState();
		List<BackupInfo> backups = new RestoreCommand(this.session).list();
		Set<MigrationVersion> withDown = this.session.resolvedLast()
			.stream()
			.filter(ResolvedMigration::hasDown)
			.map(ResolvedMigration::version)
			.collect(Collectors.toSet());
		return DashboardFigures.of(states, withDown, wholeLog(), lock, backups, Instant.now());
	}

	/** Oldest first; empty while a migration in progress keeps a SQLite database locked (info says so). */
	private List<LogRecord> wholeLog() {
		try {
			return this.session.history().log(this.session.connection());
		}
		catch (SQLException ex) {
			if (this.session.migrating().isPresent() && SqliteReads.isLocked(ex)) {
				return List.of();
			}
			throw Failures.database("the dashboard's log", ex);
		}
	}

}
