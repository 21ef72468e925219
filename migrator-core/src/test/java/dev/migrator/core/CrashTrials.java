package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import dev.migrator.core.CrashOperation.Start;
import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.ValidationException;
import dev.migrator.core.internal.dialect.Dialect;
import dev.migrator.core.internal.lock.LockLease;
import dev.migrator.core.testing.ChildJvm;
import dev.migrator.core.testing.TimingBounds;

/**
 * Kills a child JVM running one operation on one engine at seeded random instants, and after each
 * kill checks what it left, measures how long the next runner waits for the lock, and times the run
 * that recovers. One harness for every engine and operation, so each case is a line in the test.
 * <p>
 * Each trial starts from the operation's start state: for a database that is files (SQLite) a copy
 * of one prepared folder; on a server (PostgreSQL) a fresh schema brought there by this JVM.
 */
final class CrashTrials {

	/** The default seed; {@code -Dmigrator.crash.seed=N} replays another sequence of kill instants. */
	static final long DEFAULT_SEED = 20261121L;

	/**
	 * The file lock and the advisory lock have no lease: the operating system or the server frees
	 * them the moment their holder dies. A next runner may wait this much beyond that for the
	 * freeing to be seen (opening its connection, one poll).
	 */
	static final Duration LOCK_WAIT_BOUND = Duration.ofSeconds(1);

	private final CrashEngine engine;

	private final CrashOperation operation;

	private final Path dir;

	private final long seed;

	private final int trials;

	private Path template;

	private Start templateStart;

	private CrashTrials(CrashEngine engine, CrashOperation operation, Path dir, int defaultTrials) {
		this.engine = engine;
		this.operation = operation;
		this.dir = dir;
		this.seed = Long.getLong("migrator.crash.seed", DEFAULT_SEED);
		String key = engine.name().toLowerCase(Locale.ROOT) + "." + operation;
		this.trials = Integer.getInteger("migrator.crash." + key + ".trials",
				Integer.getInteger("migrator.crash.trials", defaultTrials));
	}

	/**
	 * Runs the trials, prints the summary line and returns it.
	 * @param defaultTrials how many when neither {@code migrator.crash.<engine>.<operation>.trials}
	 * nor {@code migrator.crash.trials} says
	 */
	static Summary run(CrashEngine engine, CrashOperation operation, Path dir, int defaultTrials) throws Exception {
		return new CrashTrials(engine, operation, dir, defaultTrials).run();
	}

	private Summary run() throws Exception {
		// one sequence per case, derived from the seed, so a case replays alone as it ran with the others
		Random random = new Random(this.seed ^ (this.engine.name() + "/" + this.operation.name()).hashCode());
		long workMillis = timeOneWholeRun();
		List<Long> recoveryMillis = new ArrayList<>();
		long longestLockWait = 0;
		int killedMidRun = 0;
		int inconsistent = 0;
		int leftFiles = 0;
		long knownPartial = 0;
		int[] reached = new int[3];
		for (int trial = 0; trial < this.trials; trial++) {
			Path trialDir = this.dir.resolve("trial-" + trial);
			Trial started = start(trialDir);
			DatabaseFixture fx = started.fx();
			// anywhere in the child's working time, measured from its first line of output; the seed fixes the
			// fractions of that time, so a replay kills at the same points of the work on a faster or slower machine
			long killAfter = Math.round(random.nextDouble() * workMillis);
			String where = "%s %s trial %d (seed %d, killed after %d ms)".formatted(this.engine, this.operation, trial,
					this.seed, killAfter);
			Map<Integer, String> before = statuses(fx);
			try (ChildJvm child = startChild(trialDir, fx, started.start())) {
				child.awaitLine("STARTED", Duration.ofSeconds(60));
				Thread.sleep(killAfter);
				child.process().destroyForcibly();
				int exit = child.awaitExit(Duration.ofSeconds(30));
				boolean done = child.stdoutLines().contains("DONE");
				assertThat(done || exit == 137).as("%s: the child failed on its own (exit %d)%n%s", where, exit,
						child.output()).isTrue();
				killedMidRun += done ? 0 : 1;
			}
			Map<Integer, String> after = statuses(fx);
			reached[after.equals(before) ? 0 : after.equals(expectedStatuses()) ? 2 : 1]++;
			long lockWait = lockWaitMillis(fx);
			longestLockWait = Math.max(longestLockWait, lockWait);

			List<String> problems = problems(fx);
			if (!started.start().wholeStates().isEmpty()
					&& !started.start().wholeStates().contains(CrashOperation.state(fx))) {
				problems.add("the database is neither wholly the state before the " + this.operation
						+ " nor wholly its result");
			}
			if (!problems.isEmpty()) {
				inconsistent++;
				System.out.printf("Inconsistent state after %s:%n  %s%n", where, String.join("\n  ", problems));
			}

			long partiallyApplied = after.values().stream().filter("failed"::equals).count();
			knownPartial += partiallyApplied;
			long start = System.nanoTime();
			if (partiallyApplied > 0) {
				assertRefusedAsPartiallyApplied(fx, started.start().argument(), where);
			}
			// as an operator would: undo what the partially applied migration did, forget it, migrate
			CrashMigrations.undoPartiallyApplied(fx);
			this.operation.run(fx, started.start().argument());
			recoveryMillis.add((System.nanoTime() - start) / 1_000_000);

			assertThat(problems(fx)).as("after the run that recovered from %s", where).isEmpty();
			assertThat(statuses(fx)).as("history after the run that recovered from %s", where)
				.isEqualTo(expectedStatuses());
			List<String> litter = litter(fx);
			if (!litter.isEmpty()) {
				System.out.printf("Left in the backup folder after %s: %s%n", where, litter);
			}
			leftFiles += litter.size();
			this.engine.discard(fx);
			deleteTree(trialDir);
		}
		Summary summary = new Summary(this.engine, this.operation, this.trials, this.seed, workMillis, killedMidRun,
				inconsistent, reached[0], reached[1], reached[2], recoveryMillis, longestLockWait, leftFiles,
				knownPartial);
		System.out.println(summary.line());
		return summary;
	}

	/**
	 * A migration the kill left partially applied is never run again blindly: the next migrate
	 * refuses, names it and says how to repair it, and changes nothing.
	 */
	private void assertRefusedAsPartiallyApplied(DatabaseFixture fx, String argument, String where) throws SQLException {
		List<String> before = CrashOperation.state(fx);
		assertThatThrownBy(() -> this.operation.run(fx, argument)).as("the run after %s", where)
			.isInstanceOfSatisfying(ValidationException.class, (ex) -> assertThat(ex.reason())
				.isEqualTo(MigratorException.Reason.FAILED_MIGRATION_BLOCKS))
			.hasMessageContaining("is partially applied");
		assertThat(CrashOperation.state(fx)).as("the refused run after %s changed nothing", where).isEqualTo(before);
	}

	/** The database in the operation's start state, and what the child needs besides it. */
	private Trial start(Path trialDir) throws IOException, SQLException {
		if (!this.engine.isFiles()) {
			DatabaseFixture fx = this.engine.open(Files.createDirectories(trialDir));
			CrashMigrations.write(fx, this.engine, this.operation.noTransaction());
			return new Trial(fx, this.operation.prepare(fx));
		}
		if (this.template == null) {
			this.template = this.dir.resolve("template");
			DatabaseFixture fx = this.engine.open(Files.createDirectories(this.template));
			CrashMigrations.write(fx, this.engine, this.operation.noTransaction());
			this.templateStart = this.operation.prepare(fx);
		}
		copyTree(this.template, trialDir);
		return new Trial(this.engine.open(trialDir), this.templateStart);
	}

	private ChildJvm startChild(Path trialDir, DatabaseFixture fx, Start start) throws IOException {
		List<String> args = new ArrayList<>(List.of(this.operation.command(), this.engine.url(fx),
				fx.migrations.toString(), String.valueOf(fx.configure().configuration().backup().enabled()),
				start.argument()));
		args.addAll(this.engine.credentials(fx));
		return ChildJvm.start(trialDir, "child", CrashChild.class, args.toArray(String[]::new));
	}

	/**
	 * How long a child works, from its first line to its exit, when nobody kills it, on this machine
	 * now: the shorter of two runs, since a busy machine can stretch one of them many times over.
	 */
	private long timeOneWholeRun() throws Exception {
		long shortest = Long.MAX_VALUE;
		// the shortest of two runs where there are trials enough for it to matter; one for a smoke run
		int runs = Math.min(2, this.trials);
		for (int run = 0; run < runs; run++) {
			Path calibration = this.dir.resolve("calibration-" + run);
			Trial trial = start(calibration);
			try (ChildJvm child = startChild(calibration, trial.fx(), trial.start())) {
				child.awaitLine("STARTED", Duration.ofSeconds(60));
				long start = System.nanoTime();
				assertThat(child.awaitExit(Duration.ofMinutes(5))).as(child.output()).isZero();
				shortest = Math.min(shortest, (System.nanoTime() - start) / 1_000_000);
				assertThat(statuses(trial.fx())).as("history after a whole run").isEqualTo(expectedStatuses());
			}
			this.engine.discard(trial.fx());
			deleteTree(calibration);
		}
		return shortest;
	}

	/**
	 * Takes the lock as the next runner does, through the engine's own lock, and says how long that
	 * took. A kill that landed while the child held the lock leaves it to be taken over.
	 */
	@SuppressWarnings("try") // the lease holds the lock until the block ends; nothing reads it
	private static long lockWaitMillis(DatabaseFixture fx) throws SQLException {
		Configuration configuration = fx.configure().configuration();
		try (Connection connection = configuration.dataSource().getConnection()) {
			var lock = Dialect.of(connection, configuration).lock(connection);
			long start = System.nanoTime();
			try (LockLease lease = lock.acquire(Duration.ofMinutes(1))) {
				return (System.nanoTime() - start) / 1_000_000;
			}
		}
	}

	/** Files in the backup folder that are neither a verified backup nor its checksum or state. */
	private static List<String> litter(DatabaseFixture fx) throws IOException {
		Path folder = fx.dir.resolve("backups");
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		List<String> kept = new ArrayList<>();
		fx.configure().load().backups().stream().filter(BackupInfo::verified).forEach((backup) -> {
			kept.add(backup.id());
			kept.add(backup.id() + ".sha256");
			// the state fingerprint a run records beside a backup, to reuse it
			kept.add(backup.id() + ".state");
		});
		try (Stream<Path> files = Files.list(folder)) {
			return files.map((file) -> file.getFileName().toString()).filter((name) -> !kept.contains(name)).sorted().toList();
		}
	}

	private List<String> problems(DatabaseFixture fx) throws SQLException {
		List<String> problems = new ArrayList<>(CrashMigrations.inconsistencies(fx));
		problems.addAll(this.engine.integrityProblems(fx));
		return problems;
	}

	private static Map<Integer, String> statuses(DatabaseFixture fx) throws SQLException {
		Map<Integer, String> statuses = new HashMap<>();
		boolean history = fx.tables().contains("schema_migrations");
		for (int version = 1; version <= CrashMigrations.COUNT; version++) {
			List<String> status = history
					? fx.query("SELECT status FROM schema_migrations WHERE version = '" + version + "'") : List.of();
			statuses.put(version, status.isEmpty() ? "nothing" : status.get(0));
		}
		return statuses;
	}

	private Map<Integer, String> expectedStatuses() {
		Map<Integer, String> statuses = new HashMap<>();
		for (int version = 1; version <= CrashMigrations.COUNT; version++) {
			statuses.put(version, this.operation.expectedStatus(version));
		}
		return statuses;
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Path target = to.resolve(from.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target);
				}
			}
		}
	}

	/** Hundreds of trial databases would fill the disk; each goes once checked. */
	private static void deleteTree(Path dir) throws IOException {
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> {
				try {
					Files.delete(file);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

	private record Trial(DatabaseFixture fx, Start start) {

	}

	/** What one case's trials found, as the summary line prints it. */
	record Summary(CrashEngine engine, CrashOperation operation, int trials, long seed, long workMillis,
			int killedMidRun, int inconsistent, int untouched, int partWay, int finished, List<Long> recoveryMillis,
			long longestLockWaitMillis, int leftFiles, long knownPartial) {

		long recoveryMedian() {
			List<Long> sorted = this.recoveryMillis.stream().sorted().toList();
			return sorted.get(sorted.size() / 2);
		}

		long recoveryMax() {
			return this.recoveryMillis.stream().mapToLong(Long::longValue).max().orElseThrow();
		}

		String line() {
			return ("RELIABILITY crash | engine %s | operation %s | trials %d | seed %d | killed mid-run %d"
					+ " | inconsistent states %d | recovery median %d ms, max %d ms | longest lock wait %d ms"
					+ " | history after the kill: untouched %d, part-way %d, finished %d | whole run %d ms"
					+ " | files left in the backup folder %d | known partially applied %d").formatted(this.engine,
							this.operation, this.trials, this.seed, this.killedMidRun, this.inconsistent, recoveryMedian(),
							recoveryMax(), this.longestLockWaitMillis, this.untouched, this.partWay, this.finished,
							this.workMillis, this.leftFiles, this.knownPartial);
		}

		/**
		 * No inconsistent state (every migration whole, never applied, or known as partially applied)
		 * and nothing left in the backup folder; nothing that depends on how the machine scheduled the
		 * kills.
		 */
		void assertConsistent() {
			assertThat(this.leftFiles).as("files left in the backup folder: " + line()).isZero();
			assertThat(this.inconsistent).as("inconsistent states: " + line()).isZero();
		}

		/**
		 * No inconsistent state, the kills landed mostly mid-run, no lock outlived its holder, and no
		 * unfinished backup or restore copy outlived the run after the kill.
		 */
		void assertSafe() {
			assertThat(this.leftFiles).as("files left in the backup folder: " + line()).isZero();
			assertThat(this.inconsistent).as("inconsistent states: " + line()).isZero();
			// where the kills land and how long the lock takes to free depend on how busy the machine is:
			// goals of an idle machine (the lock was had again, a property, is asserted by taking it)
			if (TimingBounds.enforced()) {
				assertThat(this.killedMidRun).as("kills that landed while the child still worked: " + line())
					.isGreaterThanOrEqualTo((this.trials + 1) / 2);
				assertThat(this.longestLockWaitMillis).as("longest wait for the lock after a kill: " + line())
					.isLessThanOrEqualTo(LOCK_WAIT_BOUND.toMillis());
			}
		}

	}

}
