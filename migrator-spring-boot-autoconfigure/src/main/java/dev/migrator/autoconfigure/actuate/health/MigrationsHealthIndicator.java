package dev.migrator.autoconfigure.actuate.health;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.autoconfigure.MigrationActivity;
import dev.migrator.autoconfigure.MigrationStatus;
import dev.migrator.core.Migrator;
import dev.migrator.core.api.InfoResult;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of the schema: UP at the target version with nothing wrong, OUT_OF_SERVICE while migrating
 * or behind the code, DOWN on a failed migration, an invalid history (a changed applied script, say)
 * or a stuck lock. The details say why.
 */
public class MigrationsHealthIndicator extends AbstractHealthIndicator {

	private static final Logger logger = LoggerFactory.getLogger(MigrationsHealthIndicator.class);

	private final Migrator migrator;

	private final MigrationActivity activity;

	private final String target;

	private final Duration lockStuckAfter;

	private final Clock clock;

	/**
	 * Creates the indicator.
	 * @param migrator the application's migrator
	 * @param activity its runs
	 * @param target the version the application migrates to, or null for the latest
	 * @param lockStuckAfter how long a lock may be held before it counts as stuck
	 */
	public MigrationsHealthIndicator(Migrator migrator, MigrationActivity activity, String target,
			Duration lockStuckAfter) {
		this(migrator, activity, target, lockStuckAfter, Clock.systemUTC());
	}

	MigrationsHealthIndicator(Migrator migrator, MigrationActivity activity, String target, Duration lockStuckAfter,
			Clock clock) {
		super("Migrations health check failed");
		this.migrator = migrator;
		this.activity = activity;
		this.target = target;
		this.lockStuckAfter = lockStuckAfter;
		this.clock = clock;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.activity.running().isPresent()) {
			// Reading the database while it migrates could wait on its locks.
			report(builder, MigrationStatus.migrating(this.activity.running().get()), null);
			return;
		}
		InfoResult info;
		MigrationStatus status;
		try {
			info = this.migrator.status();
			status = MigrationStatus.of(info, this.migrator.lockState(), this.activity, this.target,
					this.lockStuckAfter, this.clock.instant());
		}
		catch (RuntimeException ex) {
			// Not builder.down(ex): the database's message may quote row data, and health cannot tell who asks.
			logger.warn("The migrations health check could not read the history", ex);
			builder.down()
				.withDetail("reasons", List.of("Cannot read the migration history (" + ex.getClass().getSimpleName()
						+ "); the error is in the application's log"));
			return;
		}
		report(builder, status, info);
	}

	private void report(Health.Builder builder, MigrationStatus status, InfoResult info) {
		builder.status(healthStatus(status.state())).withDetail("status", status.state());
		if (info != null) {
			builder.withDetail("currentVersion", info.currentVersion().toString())
				.withDetail("pending", info.pending().size());
		}
		// Health cannot tell who asks: its reasons never carry error texts, paths or host names, which
		// the migrations endpoint shows to authorized callers (management.endpoint.migrations.show-values).
		if (!status.publicReasons().isEmpty()) {
			builder.withDetail("reasons", status.publicReasons());
		}
	}

	private static Status healthStatus(MigrationStatus.State state) {
		return switch (state) {
			case UP_TO_DATE -> Status.UP;
			case PENDING, MIGRATING -> Status.OUT_OF_SERVICE;
			case LOCK_STUCK, INVALID, FAILED -> Status.DOWN;
		};
	}

}
