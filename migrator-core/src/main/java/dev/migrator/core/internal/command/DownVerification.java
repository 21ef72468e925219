package dev.migrator.core.internal.command;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.DownCheck;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.internal.dialect.DatabaseCopy;
import dev.migrator.core.internal.resolve.ResolvedMigration;

/**
 * Tries every pending migration's down before it is needed: its up, then its down, then its up
 * again, comparing the schema after the down with the schema before the up. It runs where a dry run
 * runs (on a throwaway copy for SQLite, in one transaction rolled back at the end for PostgreSQL),
 * so the database is never changed; each migration is tried on top of the ones before it.
 */
public final class DownVerification {

	private static final Logger logger = LoggerFactory.getLogger(DownVerification.class);

	private final Session session;

	public DownVerification(Session session) {
		this.session = session;
	}

	public List<DownCheck> run() {
		try {
			List<ResolvedMigration> pending = List.copyOf(this.session.states().pending());
			if (pending.isEmpty()) {
				return List.of();
			}
			Configuration real = this.session.configuration();
			Configuration quiet = real.withBackup(real.backup().withEnabled(false));
			return switch (this.session.dialect().dryRunMethod()) {
				case COPY -> {
					try (DatabaseCopy copy = this.session.dialect().copyForDryRun(this.session.connection(), real)
						.orElseThrow(() -> new MigratorException("Checking downs needs a copy of the database, and this "
								+ this.session.dialect().name() + " database cannot be copied here (an in-memory database)"))) {
						try (Session other = Session.open(quiet.withDataSource(copy.dataSource()), true)) {
							yield check(other, pending);
						}
					}
				}
				case ROLLED_BACK_TRANSACTION -> {
					List<String> refused = pending.stream()
						.filter((m) -> !m.transactional() || (m.down() != null && !m.down().transactional()))
						.map(ResolvedMigration::script)
						.toList();
					if (!refused.isEmpty()) {
						throw new MigratorException("Checking downs on " + this.session.dialect().name() + " runs in one"
								+ " transaction that is rolled back, and " + String.join(", ", refused)
								+ " cannot run inside it (-- migrator:no-transaction); nothing was run");
					}
					try (Session other = Session.openRolledBackAtClose(quiet)) {
						yield check(other, pending);
					}
				}
				case UNSUPPORTED -> throw new MigratorException("Downs cannot be checked before they run on "
						+ this.session.dialect().name() + ": its DDL commits on its own, so no transaction can hold the"
						+ " check back, and Migrator cannot copy the database; check them on a copy you make yourself");
			};
		}
		catch (SQLException ex) {
			throw Failures.database("checking downs", ex);
		}
	}

	private static List<DownCheck> check(Session other, List<ResolvedMigration> pending) throws SQLException {
		Configuration configuration = other.configuration();
		Set<String> ownTables = Set.of(configuration.table().toLowerCase(Locale.ROOT),
				configuration.logTable().toLowerCase(Locale.ROOT), configuration.lockTable().toLowerCase(Locale.ROOT));
		List<DownCheck> checks = new ArrayList<>();
		for (ResolvedMigration migration : pending) {
			SchemaSnapshot before = SchemaSnapshot.read(other.connection(), configuration.schema(), ownTables);
			String step = "up";
			try {
				new MigrateCommand(other).run(migration.version());
				if (!migration.hasDown()) {
					checks.add(new DownCheck(migration.version(), migration.description(), DownCheck.Outcome.NO_DOWN,
							List.of(), null));
					continue;
				}
				step = "down";
				new RollbackCommand(other).steps(1, new RunOptions(false, true, true));
				List<String> differences = SchemaSnapshot.read(other.connection(), configuration.schema(), ownTables)
					.differencesFrom(before);
				if (!differences.isEmpty()) {
					checks.add(new DownCheck(migration.version(), migration.description(), DownCheck.Outcome.SCHEMA_DIFFERS,
							differences, null));
					// its up cannot run again over what the down left, and the migrations after it build on it
					break;
				}
				step = "up after the down";
				new MigrateCommand(other).run(migration.version());
				checks.add(new DownCheck(migration.version(), migration.description(), DownCheck.Outcome.RESTORES_SCHEMA,
						List.of(), null));
			}
			catch (MigratorException ex) {
				logger.info("Checking migration {}: its {} failed: {}", migration.version(), step, ex.getMessage());
				checks.add(new DownCheck(migration.version(), migration.description(), DownCheck.Outcome.FAILED, List.of(),
						"its " + step + " failed: " + ex.getMessage()));
				// the migrations after it build on it: they cannot be tried
				break;
			}
		}
		return checks;
	}

}
