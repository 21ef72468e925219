package dev.migrator.autoconfigure.metrics;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.migrator.autoconfigure.MigratorInstance;
import dev.migrator.core.Migrator;
import dev.migrator.core.api.MigrationFailure;
import dev.migrator.core.api.MigrationListener;
import dev.migrator.core.api.MigrationRun;
import dev.migrator.core.api.RunResult;

/**
 * Micrometer meters for real (not dry) runs: {@code migrator.migrations.applied},
 * {@code migrator.migrations.rolled.back} and {@code migrator.migrations.failed} counters, a
 * {@code migrator.migration.duration} timer (tag {@code direction} up or down), a
 * {@code migrator.runs} counter (tags {@code command}, {@code outcome}) and a
 * {@code migrator.pending} gauge. Every meter is tagged with the migration's {@code type} where one
 * applies, and with the {@code instance} it is about: {@code default} for the default migrator, the
 * name of a {@code migrator.instances.<name>} one.
 */
public class MigrationMetrics implements MigrationListener {

	private static final List<String> TYPES = List.of("sql", "java");

	private static final List<String> COMMANDS = List.of("migrate", "rollback");

	private final MeterRegistry registry;

	private final Supplier<Migrator> migrator;

	private final String instance;

	// Counting pending migrations reads the code and the history, so it is done once after each run,
	// when the gauge is next read, and not on every scrape.
	private final AtomicBoolean pendingStale = new AtomicBoolean(true);

	private final AtomicInteger pending = new AtomicInteger();

	private final ThreadLocal<Boolean> dryRun = ThreadLocal.withInitial(() -> false);

	/**
	 * Creates the meters.
	 * @param registry where to register them
	 * @param migrator the migrator whose pending migrations the gauge counts, looked up when first read
	 */
	public MigrationMetrics(MeterRegistry registry, Supplier<Migrator> migrator) {
		this(registry, migrator, MigratorInstance.DEFAULT);
	}

	/**
	 * Creates the meters of one migrator.
	 * @param registry where to register them
	 * @param migrator the migrator whose pending migrations the gauge counts, looked up when first read
	 * @param instance the value of the {@code instance} tag
	 */
	public MigrationMetrics(MeterRegistry registry, Supplier<Migrator> migrator, String instance) {
		this.registry = registry;
		this.migrator = migrator;
		this.instance = instance;
		Gauge.builder("migrator.pending", this, MigrationMetrics::pendingCount)
			.description("Migrations that a migrate would apply")
			.tag("instance", instance)
			.register(registry);
		registerAtZero();
	}

	/**
	 * Every documented series from the start, at zero: an alert on "failed > 0" or a rate of runs
	 * needs a series before the first event.
	 */
	private void registerAtZero() {
		for (String type : TYPES) {
			counter("migrator.migrations.applied", "Migrations applied", type);
			counter("migrator.migrations.rolled.back", "Migrations rolled back", type);
			timer("up", type);
			timer("down", type);
		}
		failedCounter();
		for (String command : COMMANDS) {
			runsCounter(command, "success");
			runsCounter(command, "failure");
		}
	}

	private Counter counter(String name, String description, String type) {
		return Counter.builder(name).description(description).tag("type", type)
			.tag("instance", this.instance)
			.register(this.registry);
	}

	private Timer timer(String direction, String type) {
		return Timer.builder("migrator.migration.duration")
			.description("Time taken by each migration")
			.tag("direction", direction)
			.tag("type", type)
			.tag("instance", this.instance)
			.register(this.registry);
	}

	private Counter failedCounter() {
		return Counter.builder("migrator.migrations.failed")
			.description("Migrations that failed and were rolled back")
			.tag("instance", this.instance)
			.register(this.registry);
	}

	private Counter runsCounter(String command, String outcome) {
		return Counter.builder("migrator.runs")
			.description("Migrate and rollback runs")
			.tag("command", command)
			.tag("outcome", outcome)
			.tag("instance", this.instance)
			.register(this.registry);
	}

	@Override
	public void runStarted(String command, boolean dryRun) {
		this.dryRun.set(dryRun);
	}

	@Override
	public void migrationApplied(MigrationRun run, boolean dryRun) {
		if (!dryRun) {
			counted("migrator.migrations.applied", "Migrations applied", run);
			timed("up", run);
		}
	}

	@Override
	public void migrationRolledBack(MigrationRun run, boolean dryRun) {
		if (!dryRun) {
			counted("migrator.migrations.rolled.back", "Migrations rolled back", run);
			timed("down", run);
		}
	}

	@Override
	public void migrationFailed(MigrationFailure failure, boolean dryRun) {
		if (!dryRun) {
			failedCounter().increment();
		}
	}

	@Override
	public void runFinished(String command, RunResult result, Throwable failure) {
		boolean dry = this.dryRun.get();
		this.dryRun.remove();
		if (dry) {
			return;
		}
		runsCounter(command, (failure != null) ? "failure" : "success").increment();
		this.pendingStale.set(true);
	}

	private void counted(String name, String description, MigrationRun run) {
		counter(name, description, type(run)).increment();
	}

	private void timed(String direction, MigrationRun run) {
		timer(direction, type(run)).record(run.duration());
	}

	private static String type(MigrationRun run) {
		return (run.type() != null) ? run.type().name().toLowerCase(Locale.ROOT) : "unknown";
	}

	private double pendingCount() {
		if (this.pendingStale.compareAndSet(true, false)) {
			try {
				this.pending.set(this.migrator.get().status().pending().size());
			}
			catch (RuntimeException ex) {
				this.pendingStale.set(true);
				return Double.NaN;
			}
		}
		return this.pending.get();
	}

}
