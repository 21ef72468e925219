package dev.migrator.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.migrator.autoconfigure.MigratorProperties.Mode;
import dev.migrator.autoconfigure.MigratorProperties.OnFailure;
import dev.migrator.autoconfigure.MigratorProperties.RunOn;
import dev.migrator.core.Migrator;
import dev.migrator.core.api.DatabaseNotFoundException;
import dev.migrator.core.api.DownCheck;
import dev.migrator.core.api.InfoResult;
import dev.migrator.core.api.MigrationRun;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.api.RunResult;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.BeanNameAware;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs the migrations when the application starts: while the context starts, before the beans that
 * depend on database initialization, when one of them needs the schema; otherwise on
 * {@link ApplicationReadyEvent} (see {@link RunOn}). Readiness is {@link ReadinessState#REFUSING_TRAFFIC}
 * while it runs.
 */
public class MigrationRunner
		implements InitializingBean, BeanFactoryAware, BeanNameAware, ApplicationListener<ApplicationReadyEvent> {

	/** The exit code of an application stopped by a failed migration. */
	public static final int EXIT_CODE = 1;

	// a named instance logs under its own name, so that its lines say which database they are about
	private final Log logger;

	private final Migrator migrator;

	private final MigratorProperties properties;

	private final MigrationActivity activity;

	private final ApplicationEventPublisher publisher;

	private BeanFactory beanFactory;

	private String beanName;

	private final String instance;

	private RunOn runOn;

	private TenantsRun tenants;

	public MigrationRunner(Migrator migrator, MigratorProperties properties, MigrationActivity activity,
			ApplicationEventPublisher publisher) {
		this(migrator, properties, activity, publisher, null);
	}

	/**
	 * Creates the runner of a named migrator ({@code migrator.instances.<name>}).
	 * @param migrator the instance's migrator
	 * @param properties its settings
	 * @param activity its runs
	 * @param publisher where readiness changes go
	 * @param instance its name; null for the default migrator
	 */
	public MigrationRunner(Migrator migrator, MigratorProperties properties, MigrationActivity activity,
			ApplicationEventPublisher publisher, String instance) {
		this.logger = LogFactory.getLog(MigrationRunner.class.getName() + ((instance != null) ? "." + instance : ""));
		this.instance = instance;
		this.migrator = migrator;
		this.properties = properties;
		this.activity = activity;
		this.publisher = publisher;
	}

	/** The tenants to migrate after the application's own database, with the same mode and failure handling. */
	void tenants(TenantsRun tenants) {
		this.tenants = tenants;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void setBeanName(String name) {
		this.beanName = name;
	}

	@Override
	public void afterPropertiesSet() {
		Mode mode = this.properties.getMode();
		if (mode == Mode.OFF) {
			logger.info("Migrations do not run at start-up (migrator.mode=off)");
			return;
		}
		this.runOn = decideRunOn();
		if (this.runOn == RunOn.STARTUP) {
			run();
		}
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (this.properties.getMode() == Mode.MIGRATE_AND_EXIT && this.runOn == RunOn.STARTUP) {
			// with on-failure=continue a failed run gets here too: a Job must still see it failed
			int code = anyRunFailed() ? EXIT_CODE : 0;
			logger.info("Migrations " + (code == 0 ? "done" : "failed") + "; the application exits with code " + code
					+ " without serving (migrator.mode=migrate-and-exit)");
			System.exit(SpringApplication.exit(event.getApplicationContext(), () -> code));
		}
		if (this.runOn == RunOn.READY) {
			run();
			// Spring Boot declares the application ready right after this event too; saying it here keeps
			// the order plain for listeners of availability changes.
			AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.ACCEPTING_TRAFFIC);
		}
	}

	// The first runner to hear the event exits for all of them (the default and the named instances).
	private boolean anyRunFailed() {
		if (!(this.beanFactory instanceof ListableBeanFactory beans)) {
			return this.activity.lastFailure().isPresent();
		}
		return beans.getBeansOfType(MigrationRunner.class)
			.values()
			.stream()
			.anyMatch((runner) -> runner.activity.lastFailure().isPresent());
	}

	/**
	 * When this runner migrates: {@link RunOn#STARTUP} or {@link RunOn#READY}, decided once its bean is
	 * created (with {@link RunOn#AUTO}, from the beans that wait for it).
	 * @return the path taken; null before the bean is initialized, and with {@code migrator.mode=off}
	 */
	public RunOn runOn() {
		return this.runOn;
	}

	// Spring Boot's DatabaseInitializationDependencyConfigurer has already made every bean that depends on
	// database initialization depend on this one, so the bean definitions say who waits for the schema.
	// JdbcTemplate and JdbcClient alone are not a reason: they are handles, not readers.
	private RunOn decideRunOn() {
		if (this.properties.getMode() == Mode.MIGRATE_AND_EXIT) {
			logger.info("Migrations run during context start-up (migrator.mode=migrate-and-exit), then the application exits");
			return RunOn.STARTUP;
		}
		RunOn configured = this.properties.getRunOn();
		List<String> readers = schemaReaders();
		String how = "(migrator.run-on=" + configured.name().toLowerCase(Locale.ROOT) + ")";
		if (configured == RunOn.STARTUP || (configured == RunOn.AUTO && !readers.isEmpty())) {
			logger.info("Migrations run during context start-up " + how + ", before the beans that need the schema"
					+ (readers.isEmpty() ? "" : ": " + String.join(", ", readers)));
			return RunOn.STARTUP;
		}
		logger.info("Migrations run on ApplicationReadyEvent " + how + (configured == RunOn.AUTO
				? ": no bean that needs the schema at start-up depends on database initialization (JPA, jOOQ, "
						+ "@DependsOnDatabaseInitialization)"
				: ""));
		return RunOn.READY;
	}

	private List<String> schemaReaders() {
		List<String> readers = new ArrayList<>();
		if (!(this.beanFactory instanceof ConfigurableListableBeanFactory factory) || this.beanName == null) {
			return readers;
		}
		for (String name : factory.getBeanDefinitionNames()) {
			String[] dependsOn = factory.getBeanDefinition(name).getDependsOn();
			if (dependsOn != null && Arrays.asList(dependsOn).contains(this.beanName) && !isJdbcHandle(factory, name)) {
				readers.add(name);
			}
		}
		return readers;
	}

	private static boolean isJdbcHandle(ConfigurableListableBeanFactory factory, String name) {
		Class<?> type = factory.getType(name, false);
		return type != null && (JdbcOperations.class.isAssignableFrom(type)
				|| NamedParameterJdbcOperations.class.isAssignableFrom(type) || JdbcClient.class.isAssignableFrom(type));
	}

	/**
	 * Runs the pending migrations (up to {@code migrator.target}), or a dry run of them.
	 * @throws MigrationStartupException when they fail and {@code migrator.on-failure} is {@code fail}
	 */
	public void run() {
		if (this.properties.getMode() == Mode.VALIDATE) {
			validate();
			return;
		}
		AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
		RunOptions options = this.properties.isDryRun() ? RunOptions.dryRunOnly() : RunOptions.DEFAULT;
		String target = this.properties.getTarget();
		if (!options.dryRun()) {
			// health says MIGRATING while this application waits for another runner's lock, not "lock stuck"
			this.activity.startupRunStarted();
		}
		try {
			if (!options.dryRun()) {
				checkDowns();
			}
			RunResult result = (target != null) ? this.migrator.migrate(target, options) : this.migrator.migrate(options);
			report(result);
		}
		catch (RuntimeException ex) {
			this.activity.startupFailed(ex);
			if (this.properties.getOnFailure() == OnFailure.FAIL) {
				throw new MigrationStartupException(this.instance, ex);
			}
			logger.error("Migrations failed; the application stays up with the migrations health DOWN "
					+ "(migrator.on-failure=continue). Fix the cause, then migrate again (restart, or "
					+ "POST /actuator/migrations/" + ((this.instance != null) ? this.instance + "/" : "") + "migrate). Cause: " + ex.getMessage());
			logger.debug("Start-up migration failure", ex);
		}
		finally {
			if (!options.dryRun()) {
				this.activity.startupRunEnded();
			}
		}
		if (this.tenants != null) {
			RuntimeException failure = this.tenants.migrate(target, options);
			if (failure != null) {
				this.activity.startupFailed(failure);
				if (this.properties.getOnFailure() == OnFailure.FAIL) {
					throw new MigrationStartupException(failure);
				}
				logger.error("The application stays up with the migrations health DOWN (migrator.on-failure=continue): "
						+ failure.getMessage());
			}
		}
	}

	// Never changes the schema. A schema that is not current is left to the health indicator to report
	// (pending: OUT_OF_SERVICE, a history that differs: DOWN), so readiness recovers by itself once
	// whoever migrates (a Job, an init container) is done; nothing is recorded against this application.
	private void validate() {
		try {
			this.migrator.validate();
			InfoResult status = this.migrator.status();
			if (!status.pending().isEmpty() || !status.problems().isEmpty()) {
				throw new SchemaNotCurrentException(status);
			}
			logger.info("The schema is current at version " + status.currentVersion()
					+ " (migrator.mode=validate): nothing pending, the history matches the code; nothing was changed");
		}
		catch (RuntimeException ex) {
			SchemaNotCurrentException notCurrent = (ex instanceof SchemaNotCurrentException schema) ? schema
					: new SchemaNotCurrentException(ex);
			if (this.properties.getOnFailure() == OnFailure.FAIL) {
				throw new MigrationStartupException(notCurrent);
			}
			logger.error(notCurrent.getMessage() + " The application stays up, its readiness refusing traffic through "
					+ "the migrations health until the schema is current (migrator.on-failure=continue).");
		}
		RuntimeException tenantsNotCurrent = (this.tenants != null) ? this.tenants.validate() : null;
		if (tenantsNotCurrent != null) {
			if (this.properties.getOnFailure() == OnFailure.FAIL) {
				throw new MigrationStartupException(new SchemaNotCurrentException(tenantsNotCurrent));
			}
			logger.error(tenantsNotCurrent.getMessage() + " (migrator.mode=validate never changes them; "
					+ "migrator.on-failure=continue keeps the application up).");
		}
	}

	// As the CLI's migrate --verify-downs / --require-down: each pending down is tried before anything is
	// applied, and a database that does not exist yet has nothing to try them on (the CLI skips them too).
	private void checkDowns() {
		boolean requireDown = this.properties.isRequireDown();
		if (!this.properties.isVerifyDowns() && !requireDown) {
			return;
		}
		List<DownCheck> checks;
		try {
			if (this.migrator.status().pending().isEmpty()) {
				return;
			}
			checks = this.migrator.verifyDowns();
		}
		catch (DatabaseNotFoundException ex) {
			logger.info("The downs are not checked (migrator.verify-downs): the database does not exist yet");
			return;
		}
		if (DownsNotVerifiedException.refuses(checks, requireDown)) {
			throw new DownsNotVerifiedException(checks, requireDown);
		}
		logger.info("The downs of " + checks.size() + " pending migration" + ((checks.size() == 1) ? "" : "s")
				+ " were tried (up, down, up again; the database was not changed): "
				+ (checks.stream().allMatch(DownCheck::passed) ? "each restores the schema"
						: "those that have one restore the schema"));
	}

	private void report(RunResult result) {
		if (!result.dryRun() && this.properties.getMode() == Mode.MIGRATE_AND_EXIT) {
			StringBuilder report = new StringBuilder(result.isEmpty()
					? "Nothing to migrate: the schema is at version " + result.currentVersion()
					: "Migrated from version " + result.previousVersion() + " to " + result.currentVersion() + ":");
			for (MigrationRun run : result.migrations()) {
				report.append(System.lineSeparator()).append("  ").append(run.version()).append(' ').append(run.script());
			}
			logger.info(report);
		}
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
			this(null, cause);
		}

		MigrationStartupException(String instance, RuntimeException cause) {
			super("Migrations" + ((instance != null) ? " of migrator.instances." + instance : "")
					+ " failed at start-up, so the application stops (migrator.on-failure=fail): " + cause.getMessage(),
					cause);
		}

		MigrationStartupException(SchemaNotCurrentException cause) {
			super(cause.getMessage() + " The application stops (migrator.on-failure=fail).", cause);
		}

		@Override
		public int getExitCode() {
			return EXIT_CODE;
		}

	}

}
