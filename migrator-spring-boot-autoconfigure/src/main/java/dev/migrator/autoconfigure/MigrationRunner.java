package dev.migrator.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.migrator.autoconfigure.MigratorProperties.OnFailure;
import dev.migrator.autoconfigure.MigratorProperties.RunOn;
import dev.migrator.core.Migrator;
import dev.migrator.core.api.MigrationRun;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.api.RunResult;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;

/**
 * Runs the migrations when the application starts: on {@link ApplicationReadyEvent} (the default),
 * or while the context starts, before the beans that depend on database initialization. Readiness
 * is {@link ReadinessState#REFUSING_TRAFFIC} while it runs.
 */
public class MigrationRunner implements InitializingBean, ApplicationListener<ApplicationReadyEvent> {

	/** The exit code of an application stopped by a failed migration. */
	public static final int EXIT_CODE = 1;

	private static final Log logger = LogFactory.getLog(MigrationRunner.class);

	private final Migrator migrator;

	private final MigratorProperties properties;

	private final MigrationActivity activity;

	private final ApplicationEventPublisher publisher;

	public MigrationRunner(Migrator migrator, MigratorProperties properties, MigrationActivity activity,
			ApplicationEventPublisher publisher) {
		this.migrator = migrator;
		this.properties = properties;
		this.activity = activity;
		this.publisher = publisher;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.properties.getRunOn() == RunOn.STARTUP) {
			run();
		}
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (this.properties.getRunOn() == RunOn.READY) {
			run();
			// Spring Boot declares the application ready right after this event too; saying it here keeps
			// the order plain for listeners of availability changes.
			AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.ACCEPTING_TRAFFIC);
		}
	}

	/**
	 * Runs the pending migrations (up to {@code migrator.target}), or a dry run of them.
	 * @throws MigrationStartupException when they fail and {@code migrator.on-failure} is {@code fail}
	 */
	public void run() {
		AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
		RunOptions options = this.properties.isDryRun() ? RunOptions.dryRunOnly() : RunOptions.DEFAULT;
		String target = this.properties.getTarget();
		try {
			RunResult result = (target != null) ? this.migrator.migrate(target, options) : this.migrator.migrate(options);
			report(result);
		}
		catch (RuntimeException ex) {
			this.activity.startupFailed(ex);
			if (this.properties.getOnFailure() == OnFailure.FAIL) {
				throw new MigrationStartupException(ex);
			}
			logger.error("Migrations failed; the application stays up with the migrations health DOWN "
					+ "(migrator.on-failure=continue). Fix the cause, then migrate again (restart, or "
					+ "POST /actuator/migrations/migrate). Cause: " + ex.getMessage());
			logger.debug("Start-up migration failure", ex);
		}
	}

	private void report(RunResult result) {
		if (result.dryRun()) {
			StringBuilder report = new StringBuilder("Dry run (migrator.dry-run=true), the database was not changed: ");
			report.append(result.isEmpty() ? "nothing pending" : "would migrate from version "
					+ result.previousVersion() + " to " + result.currentVersion() + " by");
			for (MigrationRun run : result.migrations()) {
				report.append(System.lineSeparator()).append("  ").append(run.version()).append(' ')
					.append(run.script());
			}
			if (!result.succeeded()) {
				report.append(System.lineSeparator()).append("and would fail at ")
					.append(result.failure().script()).append(':').append(result.failure().line()).append(": ")
					.append(result.failure().message());
				logger.warn(report);
			}
			else {
				logger.info(report);
			}
		}
		result.warnings().forEach(logger::warn);
	}

	/**
	 * The start-up migration failed and {@code migrator.on-failure} is {@code fail}: Spring Boot stops the
	 * application and, when it was started from {@code main}, exits with {@link #EXIT_CODE}.
	 */
	public static class MigrationStartupException extends RuntimeException implements ExitCodeGenerator {

		MigrationStartupException(RuntimeException cause) {
			super("Migrations failed at start-up, so the application stops (migrator.on-failure=fail): "
					+ cause.getMessage(), cause);
		}

		@Override
		public int getExitCode() {
			return EXIT_CODE;
		}

	}

}
