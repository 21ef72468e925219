package dev.migrator.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.migrator.core.api.ClosestName;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.api.Tenant;
import dev.migrator.core.api.TenantOutcome;
import dev.migrator.core.api.TenantResult;
import dev.migrator.core.api.TenantStatus;
import dev.migrator.core.api.TenantsOptions;
import dev.migrator.core.api.TenantsOptions.FailurePolicy;
import dev.migrator.core.api.TenantsReport;

/**
 * One {@link Migrator} per tenant, all with the same settings, and migrates them with bounded
 * parallelism into one report. Built by {@link Migrator.Builder#loadTenants}.
 *
 * <pre>{@code
 * TenantsReport report = Migrator.configure()
 *     .locations("classpath:db/tenant")
 *     .loadTenants(List.of(Tenant.inSchema("acme", dataSource, "acme"), Tenant.inSchema("globex", dataSource, "globex")))
 *     .migrate(TenantsOptions.DEFAULT.withOnFailure(FailurePolicy.CONTINUE));
 * }</pre>
 *
 * Each tenant's run is a single migrate: its own lock, history and backups, so two processes migrating
 * the same tenants never run one tenant twice at once. Listeners hear every tenant, on its thread.
 */
public final class TenantMigrators {

	private final Map<String, Migrator> migrators;

	TenantMigrators(Map<String, Migrator> migrators) {
		this.migrators = migrators;
	}

	/** The tenants' names, in the order given. */
	public List<String> names() {
		return List.copyOf(this.migrators.keySet());
	}

	/** One tenant's migrator, for anything beyond migrate and status. */
	public Migrator migrator(String name) {
		Migrator migrator = this.migrators.get(name);
		if (migrator == null) {
			String near = ClosestName.near(name, this.migrators.keySet());
			throw new MigratorException("No tenant '" + name + "'" + ((near != null) ? " (did you mean '" + near + "'?)" : "")
					+ "; the tenants are " + String.join(", ", this.migrators.keySet()));
		}
		return migrator;
	}

	/** Applies every pending migration to every tenant, up to four at once, stopping at the first failure. */
	public TenantsReport migrate() {
		return migrate(null, RunOptions.DEFAULT, TenantsOptions.DEFAULT);
	}

	/** Applies every pending migration to every tenant, as the options say. */
	public TenantsReport migrate(TenantsOptions options) {
		return migrate(null, RunOptions.DEFAULT, options);
	}

	/**
	 * Migrates every tenant up to {@code target} (null: all pending), for real or as a dry run. A tenant's
	 * failure is in its result, never thrown; with {@link FailurePolicy#FAIL_FAST} no tenant starts after it,
	 * while the ones already running finish.
	 */
	public TenantsReport migrate(String target, RunOptions runOptions, TenantsOptions options) {
		long started = System.nanoTime();
		List<TenantResult> results = each(options, (name, migrator) -> run(name, migrator, target, runOptions),
				TenantResult::notStarted, (result) -> result.outcome() == TenantOutcome.FAILED);
		return new TenantsReport(results, options, Duration.ofNanos(System.nanoTime() - started));
	}

	/** Every tenant's status, read in parallel as the default options say; changes nothing. */
	public List<TenantStatus> status() {
		return each(TenantsOptions.DEFAULT.withOnFailure(FailurePolicy.CONTINUE), (name, migrator) -> {
			try {
				return new TenantStatus(name, migrator.status(), null);
			}
			catch (RuntimeException ex) {
				return new TenantStatus(name, null, ex);
			}
		}, (name) -> null, (status) -> false);
	}

	private static TenantResult run(String name, Migrator migrator, String target, RunOptions options) {
		long started = System.nanoTime();
		try {
			RunResult result = (target != null) ? migrator.migrate(target, options) : migrator.migrate(options);
			TenantOutcome outcome = !result.succeeded() ? TenantOutcome.FAILED
					: result.isEmpty() ? TenantOutcome.UP_TO_DATE : TenantOutcome.MIGRATED;
			return new TenantResult(name, outcome, result, null, Duration.ofNanos(System.nanoTime() - started));
		}
		catch (RuntimeException ex) {
			return new TenantResult(name, TenantOutcome.FAILED, null, ex, Duration.ofNanos(System.nanoTime() - started));
		}
	}

	/**
	 * Runs {@code work} for each tenant on at most the options' parallelism threads, results in the tenants'
	 * order. Under fail-fast, a tenant whose turn comes after a failure is not started.
	 */
	private <T> List<T> each(TenantsOptions options, BiFunction<String, Migrator, T> work,
			Function<String, T> notStarted, Predicate<T> failed) {
		if (this.migrators.isEmpty()) {
			return List.of();
		}
		int threads = options.parallelismFor(this.migrators.size());
		AtomicBoolean stop = new AtomicBoolean();
		ExecutorService executor = Executors.newFixedThreadPool(threads, threadFactory());
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (Map.Entry<String, Migrator> tenant : this.migrators.entrySet()) {
				futures.add(executor.submit(() -> {
					if (stop.get()) {
						return notStarted.apply(tenant.getKey());
					}
					// the engine's log lines name the thread: let it name the tenant
					Thread.currentThread().setName("migrator-tenant-" + tenant.getKey());
					T result = work.apply(tenant.getKey(), tenant.getValue());
					if (options.onFailure() == FailurePolicy.FAIL_FAST && failed.test(result)) {
						stop.set(true);
					}
					return result;
				}));
			}
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(awaitRunning(future, stop));
			}
			return results;
		}
		finally {
			executor.shutdown();
		}
	}

	// An interrupted caller starts no more tenants, but a running migration is not abandoned half-way:
	// it is waited for, and the interrupt is kept for the caller.
	private static <T> T awaitRunning(Future<T> future, AtomicBoolean stop) {
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return future.get();
				}
				catch (InterruptedException ex) {
					interrupted = true;
					stop.set(true);
				}
				catch (ExecutionException ex) {
					if (ex.getCause() instanceof Error error) {
						throw error;
					}
					throw new MigratorException("A tenant's run failed unexpectedly: " + ex.getCause(), ex.getCause());
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static ThreadFactory threadFactory() {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, "migrator-tenants-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/** The migrators by tenant name, refusing duplicate names. */
	static Map<String, Migrator> byName(List<Tenant> tenants, Function<Tenant, Migrator> migrator) {
		Map<String, Migrator> byName = new LinkedHashMap<>();
		for (Tenant tenant : tenants) {
			if (byName.containsKey(tenant.name())) {
				throw new MigratorException("Two tenants are named '" + tenant.name() + "': give each its own name,"
						+ " since reports, logs and backup folders tell them apart by it");
			}
			byName.put(tenant.name(), migrator.apply(tenant));
		}
		return byName;
	}

}
