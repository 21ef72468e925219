package dev.migrator.autoconfigure.actuate.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import dev.migrator.autoconfigure.MigrationActivity;
import dev.migrator.autoconfigure.MigrationStatus;
import dev.migrator.autoconfigure.TenantsActivity;
import dev.migrator.core.TenantMigrators;
import dev.migrator.core.Migrator;
import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.ClosestName;
import dev.migrator.core.api.Dashboard;
import dev.migrator.core.api.DataLoss;
import dev.migrator.core.api.DataLossException;
import dev.migrator.core.api.InfoResult;
import dev.migrator.core.api.LockState;
import dev.migrator.core.api.LogRecord;
import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigrationFailure;
import dev.migrator.core.api.MigrationInfo;
import dev.migrator.core.api.MigrationRun;
import dev.migrator.core.api.MigrationState;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RepairResult;
import dev.migrator.core.api.RestoreResult;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.api.ValidationException;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The {@code migrations} endpoint: where the schema stands, and, once access is opened with
 * {@code management.endpoint.migrations.access=unrestricted}, migrate, rollback, repair and restore.
 * Over the web its answers carry HTTP status codes (400 bad request, 404 no such backup, 409 refused
 * with nothing changed, 500 a migration failed); over JMX, where Boot exposes it as its own endpoints,
 * the same code comes as the answer's {@code status} beside its {@code body}. With
 * {@code migrator.instances}, each named migrator is reached under its name:
 * {@code migrations/<instance>}, {@code migrations/<instance>/<version>} and
 * {@code POST migrations/<instance>/<command>}.
 */
@Endpoint(id = "migrations", defaultAccess = Access.READ_ONLY)
public class MigrationsEndpoint {

	static final int RECENT_LOG = 20;

	private static final int STATUS_CONFLICT = 409;

	private final Migrator migrator;

	private final MigrationActivity activity;

	private final String target;

	private final Duration lockStuckAfter;

	private final Show showValues;

	private final Set<String> roles;

	private Map<String, MigrationsEndpoint> instances = Map.of();

	// every endpoint of the family lists the names, so a page showing one can offer the others
	private List<String> instanceNames = List.of();

	private TenantMigrators tenants;

	private TenantsActivity tenantsActivity;

	/**
	 * Creates the endpoint that shows error texts, script paths and user names to authorized callers.
	 * @param migrator the application's migrator
	 * @param activity its runs
	 * @param target the version the application migrates to, or null for the latest
	 * @param lockStuckAfter how long a lock may be held before it counts as stuck
	 */
	public MigrationsEndpoint(Migrator migrator, MigrationActivity activity, String target, Duration lockStuckAfter) {
		this(migrator, activity, target, lockStuckAfter, Show.WHEN_AUTHORIZED, Set.of());
	}

	/**
	 * Creates the endpoint.
	 * @param migrator the application's migrator
	 * @param activity its runs
	 * @param target the version the application migrates to, or null for the latest
	 * @param lockStuckAfter how long a lock may be held before it counts as stuck
	 * @param showValues to whom error texts, script paths and user names are shown
	 * @param roles the roles that count as authorized for {@code when-authorized}; empty: any authenticated caller
	 */
	public MigrationsEndpoint(Migrator migrator, MigrationActivity activity, String target, Duration lockStuckAfter,
			Show showValues, Set<String> roles) {
		this.migrator = migrator;
		this.activity = activity;
		this.target = target;
		this.lockStuckAfter = lockStuckAfter;
		this.showValues = showValues;
		this.roles = Set.copyOf(roles);
	}

	/** Adds each tenant's last run and state to the answer of {@link #migrations()}. */
	void tenants(TenantMigrators tenants, TenantsActivity activity) {
		this.tenants = tenants;
		this.tenantsActivity = activity;
	}

	/**
	 * Makes the named migrators ({@code migrator.instances}) reachable under their names.
	 * @param instances an endpoint for each, by name, in the order they are listed
	 * @return this endpoint
	 */
	public MigrationsEndpoint withInstances(Map<String, MigrationsEndpoint> instances) {
		Map<String, MigrationsEndpoint> named = new LinkedHashMap<>(instances);
		named.values().forEach((instance) -> instance.instances = Map.of());
		this.instances = Collections.unmodifiableMap(named);
		List<String> names = List.copyOf(named.keySet());
		this.instanceNames = names;
		named.values().forEach((instance) -> instance.instanceNames = names);
		return this;
	}

	/**
	 * Where the schema stands; error texts, script paths and user names only where
	 * {@code show-values} allows for this caller.
	 */
	@ReadOperation
	public MigrationsDescriptor migrations(SecurityContext securityContext) {
		return shown(securityContext) ? migrations() : Redaction.of(describe(false));
	}

	/** The current version, the status, pending and applied migrations, the recent log, the lock, backups: all of it. */
	public MigrationsDescriptor migrations() {
		return describe(true);
	}

	/** @param fullReasons whether the status's reasons may carry error texts, paths and host names */
	private MigrationsDescriptor describe(boolean fullReasons) {
		Dashboard dashboard = this.migrator.dashboard();
		InfoResult info = dashboard.info();
		LockState lock = dashboard.lock();
		MigrationStatus status = MigrationStatus.of(info, lock, this.activity, this.target, this.lockStuckAfter,
				Instant.now());
		List<MigrationDescriptor> pending = info.migrations()
			.stream()
			.filter(MigrationsEndpoint::isPending)
			.map(MigrationDescriptor::of)
			.toList();
		List<MigrationDescriptor> applied = info.migrations()
			.stream()
			.filter((migration) -> !isPending(migration))
			.map(MigrationDescriptor::of)
			.toList();
		return new MigrationsDescriptor(info.currentVersion().toString(), status.state(),
				fullReasons ? status.reasons() : status.publicReasons(), pending,
				applied, info.problems(), info.warnings(), dashboard.recentLog(), lock, dashboard.backups(),
				info.convention(), DashboardDescriptor.of(dashboard), this.instanceNames,
				(this.tenants != null) ? TenantDescriptor.of(this.tenants, this.tenantsActivity) : null);
	}

	/**
	 * One migration, with its log entries, redacted as {@link #migrations(SecurityContext)} is; or, when
	 * {@code version} is the name of a {@code migrator.instances} one, where that migrator stands.
	 */
	@ReadOperation
	public WebEndpointResponse<Object> migration(SecurityContext securityContext, @Selector String version) {
		MigrationsEndpoint instance = this.instances.get(version);
		if (instance != null) {
			return new WebEndpointResponse<>(instance.migrations(securityContext));
		}
		if (!this.instances.isEmpty() && !isVersion(version)) {
			return noSuchInstance(version);
		}
		WebEndpointResponse<Object> all = migration(version);
		if (shown(securityContext) || !(all.getBody() instanceof MigrationDetailDescriptor detail)) {
			return all;
		}
		return new WebEndpointResponse<>(Redaction.of(detail), all.getStatus());
	}

	/** One migration of the named migrator {@code instance}; 404 when there is no such instance. */
	@ReadOperation
	public WebEndpointResponse<Object> instanceMigration(SecurityContext securityContext, @Selector String instance,
			@Selector String version) {
		MigrationsEndpoint named = this.instances.get(instance);
		return (named != null) ? named.migration(securityContext, version) : noSuchInstance(instance);
	}

	/**
	 * {@link #run(SecurityContext, String, Integer, String, Boolean, Boolean, Boolean)} on the named
	 * migrator {@code instance}; 404 when there is no such instance, and nothing is run.
	 */
	@WriteOperation
	public WebEndpointResponse<Object> instanceRun(SecurityContext securityContext, @Selector String instance,
			@Selector String command, @Nullable Integer steps, @Nullable String target, @Nullable Boolean dryRun,
			@Nullable Boolean allowDataLoss, @Nullable Boolean allowEmptyDown) {
		MigrationsEndpoint named = this.instances.get(instance);
		return (named != null)
				? named.run(securityContext, command, steps, target, dryRun, allowDataLoss, allowEmptyDown)
				: noSuchInstance(instance);
	}

	private WebEndpointResponse<Object> noSuchInstance(String name) {
		String closest = ClosestName.near(name, this.instances.keySet());
		return error(WebEndpointResponse.STATUS_NOT_FOUND, (this.instances.isEmpty())
				? "No migrator instance '" + name + "': none is configured (migrator.instances); the application's"
						+ " migrator is at /actuator/migrations. Nothing was run."
				: "No migrator instance '" + name + "'" + ((closest != null) ? ": did you mean '" + closest + "'?" : ".")
						+ " The instances: " + String.join(", ", this.instances.keySet())
						+ " (migrator.instances); the default migrator is at /actuator/migrations. Nothing was run.");
	}

	private static boolean isVersion(String text) {
		try {
			MigrationVersion.parse(text);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** One migration, with its log entries among the recent ones; 404 when the code has no such version. */
	public WebEndpointResponse<Object> migration(String version) {
		MigrationVersion wanted;
		try {
			wanted = MigrationVersion.parseRecorded(version);
		}
		catch (IllegalArgumentException ex) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, ex.getMessage());
		}
		return this.migrator.info()
			.migrations()
			.stream()
			.filter((migration) -> migration.version().equals(wanted))
			.findFirst()
			.<WebEndpointResponse<Object>>map((migration) -> new WebEndpointResponse<>(
					new MigrationDetailDescriptor(MigrationDescriptor.of(migration), logOf(wanted))))
			.orElseGet(() -> error(WebEndpointResponse.STATUS_NOT_FOUND, "No migration " + version + " in the code"));
	}

	/**
	 * Runs {@code migrate} (optionally to {@code target}) or {@code rollback} ({@code steps} or to
	 * {@code target}, "0" for all), for real or as a dry run; or {@code repair}, which forgets failed
	 * entries (after undoing by hand what they left; the next migrate runs them again), or with
	 * {@code target} marks that failed migration applied (after finishing it by hand); or
	 * {@code restore}, which puts the backup whose id is {@code target} back, after a safety backup
	 * of the current state. The engine's
	 * error texts and script paths in the answer are shown where {@code show-values} allows. A key of
	 * the request that is none of these parameters is refused before this runs ({@link StrictRequestKeys}).
	 */
	@WriteOperation
	public WebEndpointResponse<Object> run(SecurityContext securityContext, @Selector String command,
			@Nullable Integer steps, @Nullable String target, @Nullable Boolean dryRun, @Nullable Boolean allowDataLoss,
			@Nullable Boolean allowEmptyDown) {
		WebEndpointResponse<Object> all = run(command, steps, target, dryRun, allowDataLoss, allowEmptyDown);
		// 400 and 404 carry only what the caller sent and how to ask again, nothing of the engine's
		if (shown(securityContext) || all.getStatus() == WebEndpointResponse.STATUS_BAD_REQUEST
				|| all.getStatus() == WebEndpointResponse.STATUS_NOT_FOUND) {
			return all;
		}
		return new WebEndpointResponse<>(Redaction.of(all.getBody()), all.getStatus());
	}

	/** {@link #run(SecurityContext, String, Integer, String, Boolean, Boolean, Boolean)} for a trusted caller. */
	public WebEndpointResponse<Object> run(String command, @Nullable Integer steps, @Nullable String target,
			@Nullable Boolean dryRun, @Nullable Boolean allowDataLoss, @Nullable Boolean allowEmptyDown) {
		RunOptions options = new RunOptions(Boolean.TRUE.equals(dryRun), Boolean.TRUE.equals(allowDataLoss),
				Boolean.TRUE.equals(allowEmptyDown));
		try {
			if ("restore".equals(command)) {
				return restore(steps, target, options);
			}
			if (target != null) {
				requireVersion(target);
			}
			return new WebEndpointResponse<>(switch (command) {
				case "migrate" -> RunDescriptor.of(command, migrate(steps, target, options));
				case "rollback" -> RunDescriptor.of(command, rollback(steps, target, options));
				case "repair" -> RepairDescriptor.of(repair(steps, target, options));
				default -> throw new IllegalArgumentException("Unknown command '" + command
						+ "': POST to migrations/migrate, migrations/rollback, migrations/repair or migrations/restore");
			});
		}
		catch (IllegalArgumentException ex) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, ex.getMessage());
		}
		catch (DataLossException ex) {
			return new WebEndpointResponse<>(new ErrorDescriptor(ex.getMessage(), List.of(),
					ex.report().stream().map(DataLossDescriptor::of).toList()), STATUS_CONFLICT);
		}
		catch (ValidationException ex) {
			return new WebEndpointResponse<>(new ErrorDescriptor(ex.getMessage(), ex.problems(), List.of()),
					STATUS_CONFLICT);
		}
		catch (MigrationFailedException ex) {
			return error(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR, ex.getMessage());
		}
		catch (MigratorException ex) {
			return error(STATUS_CONFLICT, ex.getMessage());
		}
	}

	private static void requireVersion(String target) {
		try {
			MigrationVersion.parse(target);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("target '" + target + "' is not a version: give digits with optional dots,"
					+ " e.g. \"3\" or \"1.2\" (\"0\" for the empty database)");
		}
	}

	private boolean shown(SecurityContext securityContext) {
		return this.showValues.isShown(securityContext, this.roles);
	}

	private RunResult migrate(Integer steps, String target, RunOptions options) {
		if (steps != null) {
			throw new IllegalArgumentException("migrate takes a target version, not steps");
		}
		if (options.allowDataLoss() || options.allowEmptyDown()) {
			throw new IllegalArgumentException("allowDataLoss and allowEmptyDown apply to rollback only");
		}
		return (target != null) ? this.migrator.migrate(target, options) : this.migrator.migrate(options);
	}

	private RunResult rollback(Integer steps, String target, RunOptions options) {
		if ((steps == null) == (target == null)) {
			throw new IllegalArgumentException(
					"rollback takes either steps (how many of the newest to undo) or target (the version to go back to, 0 for all)");
		}
		if (steps != null) {
			if (steps < 1) {
				throw new IllegalArgumentException("steps must be 1 or more, not " + steps);
			}
			return this.migrator.rollback(steps, options);
		}
		return this.migrator.rollbackTo(target, options);
	}

	private RepairResult repair(Integer steps, String target, RunOptions options) {
		if (steps != null || options.dryRun() || options.allowDataLoss() || options.allowEmptyDown()) {
			throw new IllegalArgumentException("repair takes no parameters but an optional target: the failed"
					+ " migration to mark applied, after finishing it by hand");
		}
		return (target != null) ? this.migrator.markApplied(target) : this.migrator.repair();
	}

	private WebEndpointResponse<Object> restore(Integer steps, String id, RunOptions options) {
		if (steps != null || options.dryRun() || options.allowDataLoss() || options.allowEmptyDown()) {
			throw new IllegalArgumentException("restore takes only target: the id of the backup to put back");
		}
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException("restore needs target: the id of a backup, e.g. {\"target\":\""
					+ "<id>\"}; GET /actuator/migrations lists them under backups. Nothing was restored.");
		}
		// Checked against the listing so an unknown id is a 404, as an unknown version is; the
		// engine checks again under the lock.
		if (this.migrator.backups().stream().noneMatch((backup) -> backup.id().equals(id))) {
			return error(WebEndpointResponse.STATUS_NOT_FOUND, "No backup '" + id + "': GET /actuator/migrations"
					+ " lists the backups under backups, each with its id. Nothing was restored.");
		}
		return new WebEndpointResponse<>(RestoreDescriptor.of(this.migrator.restore(id)));
	}

	private List<LogRecord> logOf(MigrationVersion version) {
		return this.migrator.log(RECENT_LOG * 5)
			.stream()
			.filter((entry) -> entry.version() != null && sameVersion(entry.version(), version))
			.toList();
	}

	private static boolean sameVersion(String text, MigrationVersion version) {
		try {
			return MigrationVersion.parseRecorded(text).equals(version);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static boolean isPending(MigrationInfo migration) {
		return migration.state() == MigrationState.PENDING || migration.state() == MigrationState.ROLLED_BACK
				|| migration.state() == MigrationState.OUT_OF_ORDER;
	}

	static WebEndpointResponse<Object> error(int status, String message) {
		return new WebEndpointResponse<>(new ErrorDescriptor(message, List.of(), List.of()), status);
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : null;
	}

	/**
	 * Where the schema stands.
	 *
	 * @param currentVersion the version of the newest applied migration, "0" for none
	 * @param status the verdict that the health indicator also reports
	 * @param reasons why, when not up to date
	 * @param pending what a migrate would apply, in order
	 * @param applied the history: applied, failed, missing and baseline migrations, in version order
	 * @param problems what validation would refuse on
	 * @param warnings worth reading
	 * @param log the newest log entries, newest first
	 * @param lock who holds the migration lock
	 * @param backups the backups in the backup directory
	 * @param convention the file convention the migrations are written in (migrator, Flyway, golang-migrate, …)
	 * @param dashboard the dashboard's figures: overview, statistics, timeline, rollback plan
	 * @param instances the names of the {@code migrator.instances} migrators, each at {@code migrations/<name>};
	 * empty when there is only the default one
	 * @param tenants each tenant of the {@code MigratorTenants}; absent without one
	 */
	public record MigrationsDescriptor(String currentVersion, MigrationStatus.State status, List<String> reasons,
			List<MigrationDescriptor> pending, List<MigrationDescriptor> applied, List<String> problems,
			List<String> warnings, List<LogRecord> log, LockState lock, List<BackupInfo> backups, String convention,
			DashboardDescriptor dashboard, List<String> instances,
			@JsonInclude(JsonInclude.Include.NON_NULL) List<TenantDescriptor> tenants)
			implements OperationResponseBody {
	}

	/**
	 * One migration.
	 *
	 * @param version its version as written
	 * @param description what it does
	 * @param type sql, java, baseline or repeatable
	 * @param script its file or class
	 * @param checksum SHA-256 of its up script (for a changed repeatable, the one applied)
	 * @param state where it stands
	 * @param appliedAt when it was applied, if it was
	 * @param appliedBy who applied it
	 * @param executionTimeMs how long it took
	 * @param rollbackAvailable whether it has a down
	 * @param dataLoss what rolling it back would remove, for an applied migration with a down
	 * @param note how it runs where that is not as written, e.g. "will re-run: changed since applied" for a
	 * repeatable; null otherwise
	 */
	public record MigrationDescriptor(String version, String description, String type, String script,
			String checksum, MigrationState state, Instant appliedAt, String appliedBy, Long executionTimeMs,
			boolean rollbackAvailable, DataLossDescriptor dataLoss, String note) {

		/** Without a note. */
		public MigrationDescriptor(String version, String description, String type, String script, String checksum,
				MigrationState state, Instant appliedAt, String appliedBy, Long executionTimeMs, boolean rollbackAvailable,
				DataLossDescriptor dataLoss) {
			this(version, description, type, script, checksum, state, appliedAt, appliedBy, executionTimeMs,
					rollbackAvailable, dataLoss, null);
		}

		static MigrationDescriptor of(MigrationInfo info) {
			return new MigrationDescriptor(info.version().toString(), info.description(), text(info.type()),
					info.script(), info.checksum(), info.state(), info.appliedAt(), info.appliedBy(),
					info.executionTimeMs(), info.rollbackAvailable(),
					(info.dataLoss() != null) ? DataLossDescriptor.of(info.dataLoss()) : null, info.note());
		}

	}

	/**
	 * One migration with its recent log entries.
	 *
	 * @param migration the migration
	 * @param log its entries among the recent log, newest first
	 */
	public record MigrationDetailDescriptor(MigrationDescriptor migration, List<LogRecord> log)
			implements OperationResponseBody {
	}

	/**
	 * What rolling back one migration would remove.
	 *
	 * @param version the migration
	 * @param effects one line per loss
	 * @param rows rows of data touched in all
	 */
	public record DataLossDescriptor(String version, List<String> effects, long rows) {

		static DataLossDescriptor of(DataLoss dataLoss) {
			return new DataLossDescriptor(text(dataLoss.version()), dataLoss.effects(), dataLoss.rows());
		}

	}

	/**
	 * What a migrate or rollback did, or in a dry run would do.
	 *
	 * @param command migrate or rollback
	 * @param dryRun whether it ran on a copy
	 * @param previousVersion the version before
	 * @param currentVersion the version after
	 * @param migrations what ran, in order
	 * @param warnings worth reading
	 * @param failure in a dry run, the migration that would fail
	 * @param dataLoss for a rollback, what each down removes
	 * @param backup the backup taken before the run, if any
	 */
	public record RunDescriptor(String command, boolean dryRun, String previousVersion, String currentVersion,
			List<RunMigrationDescriptor> migrations, List<String> warnings, FailureDescriptor failure,
			List<DataLossDescriptor> dataLoss, BackupInfo backup) implements OperationResponseBody {

		static RunDescriptor of(String command, RunResult result) {
			return new RunDescriptor(command, result.dryRun(), text(result.previousVersion()),
					text(result.currentVersion()), result.migrations().stream().map(RunMigrationDescriptor::of).toList(),
					result.warnings(), (result.failure() != null) ? FailureDescriptor.of(result.failure()) : null,
					result.dataLoss().stream().map(DataLossDescriptor::of).toList(), result.backup());
		}

	}

	/**
	 * One migration that ran.
	 *
	 * @param version its version
	 * @param description what it does
	 * @param type sql or java
	 * @param script its file or class
	 * @param durationMs how long it took
	 */
	public record RunMigrationDescriptor(String version, String description, String type, String script,
			long durationMs) {

		static RunMigrationDescriptor of(MigrationRun run) {
			return new RunMigrationDescriptor(text(run.version()), run.description(), text(run.type()), run.script(),
					(run.duration() != null) ? run.duration().toMillis() : 0);
		}

	}

	/**
	 * Where a dry run would fail.
	 *
	 * @param version the migration
	 * @param script its file or class
	 * @param line the line of the failing statement, 0 when not known
	 * @param message the database's message
	 */
	public record FailureDescriptor(String version, String script, int line, String message) {

		static FailureDescriptor of(MigrationFailure failure) {
			return new FailureDescriptor(text(failure.version()), failure.script(), failure.line(), failure.message());
		}

	}

	/**
	 * What a repair changed in the history.
	 *
	 * @param command repair
	 * @param removedFailed the failed entries removed (forgotten)
	 * @param realigned the applied migrations whose checksum and description now match the code
	 * @param markedApplied the failed migrations marked applied
	 */
	public record RepairDescriptor(String command, List<String> removedFailed, List<String> realigned,
			List<String> markedApplied) implements OperationResponseBody {

		static RepairDescriptor of(RepairResult result) {
			return new RepairDescriptor("repair", result.removedFailed().stream().map(Object::toString).toList(),
					result.realigned().stream().map(Object::toString).toList(),
					result.markedApplied().stream().map(Object::toString).toList());
		}

	}

	/**
	 * What a restore did.
	 *
	 * @param command restore
	 * @param restored the backup now in place
	 * @param safetyBackup the backup of the state just before, to undo the restore with
	 * @param currentVersion the schema version after the restore; null when it could not be read
	 * @param warnings what could not be done after the backup was in place (the restore happened)
	 */
	public record RestoreDescriptor(String command, BackupInfo restored, BackupInfo safetyBackup,
			String currentVersion, List<String> warnings) implements OperationResponseBody {

		static RestoreDescriptor of(RestoreResult result) {
			return new RestoreDescriptor("restore", result.restored(), result.safetyBackup(),
					text(result.currentVersion()), result.warnings());
		}

	}

	/**
	 * Why a request was refused or failed.
	 *
	 * @param error what went wrong and what to do
	 * @param problems validation problems, one each
	 * @param dataLoss for a refused rollback, what it would remove
	 */
	public record ErrorDescriptor(String error, List<String> problems, List<DataLossDescriptor> dataLoss)
			implements OperationResponseBody {
	}

}
