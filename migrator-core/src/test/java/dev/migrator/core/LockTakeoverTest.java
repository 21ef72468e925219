package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.migrator.core.ConcurrencyTest.Engine;
import dev.migrator.core.api.LockMode;
import dev.migrator.core.testing.ChildJvm;
import dev.migrator.core.testing.EveryCase;
import dev.migrator.core.testing.TimingBounds;

/**
 * Every kind of migration lock between real processes ({@link ConcurrencyRunner}): a holder killed
 * with SIGKILL in the middle of a migration is taken over within its lease plus one second (locks
 * without a lease, which die with their holder: within one second), and a holder that is alive
 * but slow, one migration running ten leases, is never overtaken: the waiter gets the lock once
 * the holder lets it go. Prints a {@code RELIABILITY lock |} line per kind and case. Trials per kind:
 * {@code -Dmigrator.lock.trials} (1 here, 5 in the {@code reliability} profile); the slow holder's
 * lease: {@code -Dmigrator.lock.slow-lease-ms} (1000 here and there), and how many leases its
 * migration lasts: {@code -Dmigrator.lock.slow-leases} (2 here, 10 there); the killed holder's lease:
 * {@code -Dmigrator.lock.killed-lease-ms} (500 here, 2000 there).
 */
class LockTakeoverTest {

	static final int TRIALS = Integer.getInteger("migrator.lock.trials", 1);

	/** The lease where a kind has one, when the holder is killed: the takeover waits for it to run out. */
	static final Duration KILLED_LEASE = Duration.ofMillis(Long.getLong("migrator.lock.killed-lease-ms", 500));

	/**
	 * The live holder's lease: well above a busy machine's scheduling pauses. A holder whose heartbeat
	 * or keep-alive is starved for a whole lease has rightly lost the lock (and stops before its next
	 * commit, {@code PostgresLostLockTest}); a 300 ms lease was starved so on a loaded CI machine.
	 */
	static final Duration SLOW_LEASE = Duration.ofMillis(Long.getLong("migrator.lock.slow-lease-ms", 1000));

	/** How many leases the live holder's one migration lasts after the waiter began waiting. */
	static final int SLOW_LEASES = Integer.getInteger("migrator.lock.slow-leases", 2);

	/** How long a child JVM may take to start and reach its migration on a busy machine. */
	static final Duration STARTUP = Duration.ofMinutes(2);

	@TempDir
	Path dir;

	@ParameterizedTest
	@EnumSource(Kind.class)
	void aHolderKilledMidMigrationIsTakenOverWithinTheLeasePlusOneSecond(Kind kind) throws Exception {
		List<Long> takeovers = new ArrayList<>();
		for (int trial = 1; trial <= TRIALS; trial++) {
			Path trialDir = Files.createDirectories(this.dir.resolve("killed-" + trial));
			DatabaseFixture db = kind.engine.fixture(trialDir);
			db.write("1_effects.sql", ConcurrencyRunner.FIRST_SCRIPT);
			try (ChildJvm holder = runner(trialDir, "holder", kind, db, KILLED_LEASE, -1);
					ChildJvm waiter = startWhenHolding(trialDir, holder, kind, db, KILLED_LEASE)) {
				awaitLog(waiter, "Waiting for the migration lock", STARTUP);

				Instant kill = Instant.now();
				holder.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);

				if (db.transactionalDdl()) {
					assertThat(waiter.awaitExit(STARTUP)).as(waiter.output()).isZero();
					assertThat(waiter.awaitLine("DONE ", Duration.ofSeconds(1))).isEqualTo("DONE 3");
				}
				else {
					// every migration here is marked started before it runs: the one the kill cut short is known as
					// partially applied, and the waiter, once it has the lock, refuses to run it again blindly
					assertThat(waiter.awaitExit(STARTUP)).as(waiter.output()).isNotZero();
					assertThat(waiter.output()).contains("is partially applied", "was interrupted");
				}
				Duration takeover = Duration.between(kill, LockSpan.logged(waiter, LockSpan.ACQUIRED));
				takeovers.add(takeover.toMillis());
				assertThat(takeover.isNegative()).as("taken over after the kill").isFalse();
				if (TimingBounds.enforced()) {
					assertThat(takeover).as("taken over within the bound").isLessThanOrEqualTo(kind.bound(KILLED_LEASE));
				}
				if (db.transactionalDdl()) {
					assertThat(ConcurrencyTest.eachMigrationOnce(db, 1 + 3)).isEmpty();
				}
				if (kind.outlivesItsHolder) {
					// the lock itself said who held it; the run logs whom it took over from
					assertThat(ConcurrencyTest.takeovers(db)).singleElement()
						.asString()
						.contains("took over the lock from host ", "pid " + holder.pid());
				}
				else {
					assertThat(ConcurrencyTest.takeovers(db))
						.as("a lock that died with its holder is free, not taken over")
						.isEmpty();
				}
			}
		}
		System.out.printf(Locale.ROOT, "RELIABILITY lock | %s | %s | lease %s | holder killed | trials %d"
				+ " | takeover median %d ms | takeover max %d ms | bound %d ms%n", kind.engine.label, kind.label,
				kind.leaseText(KILLED_LEASE), TRIALS, ConcurrencyTest.median(takeovers), ConcurrencyTest.max(takeovers),
				kind.bound(KILLED_LEASE).toMillis());
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void aLiveHolderWhoseMigrationRunsManyLeasesIsNeverOvertaken(Kind kind) throws Exception {
		if (!kind.leased) {
			// a lock without a lease has nothing that could run out under a live holder; its live holder
			// is waited on in LockWaitTest, FileMigrationLockLiveHolderTest and PostgresLiveHolderWaitTest
			EveryCase.onlyInWholeMatrix("A live holder of a lock without a lease (" + kind.label + ")");
		}
		Duration slow = SLOW_LEASE.multipliedBy(SLOW_LEASES);
		List<Long> handovers = new ArrayList<>();
		List<Long> behind = new ArrayList<>();
		for (int trial = 1; trial <= TRIALS; trial++) {
			Path trialDir = Files.createDirectories(this.dir.resolve("slow-" + trial));
			DatabaseFixture db = kind.engine.fixture(trialDir);
			db.write("1_effects.sql", ConcurrencyRunner.FIRST_SCRIPT);
			Path go = trialDir.resolve("go");
			try (ChildJvm holder = runner(trialDir, "holder", kind, db, SLOW_LEASE, 0, String.valueOf(slow.toMillis()),
					go.toString()); ChildJvm waiter = startWhenHolding(trialDir, holder, kind, db, SLOW_LEASE)) {
				// the holder's migration lasts SLOW_LEASES leases from the moment the waiter waits
				awaitLog(waiter, "Waiting for the migration lock", STARTUP);
				Files.createFile(go);

				assertThat(holder.awaitExit(STARTUP.plus(slow))).as(holder.output()).isZero();
				assertThat(waiter.awaitExit(STARTUP)).as(waiter.output()).isZero();

				assertThat(holder.awaitLine("DONE ", Duration.ofSeconds(1))).isEqualTo("DONE 4");
				assertThat(waiter.awaitLine("DONE ", Duration.ofSeconds(1))).isEqualTo("DONE 0");
				LockSpan held = LockSpan.of(holder).orElseThrow();
				LockSpan waited = LockSpan.of(waiter).orElseThrow();
				Instant waiting = LockSpan.firstLogged(waiter, "Waiting for the migration lock");
				assertThat(Duration.between(waiting, held.releasing()))
					.as("the waiter waited " + SLOW_LEASES + " leases behind a live holder")
					.isGreaterThanOrEqualTo(slow);
				assertThat(waited.acquired()).as("the waiter had the lock only once the holder let it go")
					.isAfterOrEqualTo(held.releasing());
				assertThat(LockSpan.overlaps(List.of(held, waited))).isEmpty();
				assertThat(ConcurrencyTest.eachMigrationOnce(db, 4)).isEmpty();
				assertThat(ConcurrencyTest.takeovers(db)).isEmpty();
				handovers.add(Duration.between(held.releasing(), waited.acquired()).toMillis());
				behind.add(Duration.between(waiting, held.releasing()).toMillis());
			}
		}
		System.out.printf(Locale.ROOT, "RELIABILITY lock | %s | %s | lease %s | live holder, one migration %d ms"
				+ " after the waiter began | trials %d | never overtaken | waiter waited behind it min %d ms"
				+ " | lock passed on median %d ms, max %d ms after release%n", kind.engine.label, kind.label,
				kind.leaseText(SLOW_LEASE), slow.toMillis(), TRIALS,
				behind.stream().mapToLong(Long::longValue).min().orElse(-1),
				ConcurrencyTest.median(handovers), ConcurrencyTest.max(handovers));
	}

	/** A {@link ConcurrencyRunner} on the kind's lock, with {@code lease} where the kind has one. */
	private ChildJvm runner(Path dir, String name, Kind kind, DatabaseFixture db, Duration lease, long sleepMillis,
			String... more) throws Exception {
		List<String> args = new ArrayList<>(List.of(kind.engine.runnerArguments(db, kind.mode,
				kind.leased ? lease : Duration.ofSeconds(30), sleepMillis)));
		args.addAll(List.of(more));
		return ChildJvm.start(dir, name, ConcurrencyRunner.class, args.toArray(String[]::new));
	}

	/** Starts the waiter once the holder is inside its first Java migration, the lock held. */
	private ChildJvm startWhenHolding(Path dir, ChildJvm holder, Kind kind, DatabaseFixture db, Duration lease)
			throws Exception {
		holder.awaitLine("SLEEPING 2", STARTUP);
		return runner(dir, "waiter", kind, db, lease, 0);
	}

	private static void awaitLog(ChildJvm child, String text, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (child.stderrLines().stream().noneMatch((line) -> line.contains(text))) {
			assertThat(child.process().isAlive()).as("child %d ended before logging '%s'%n%s", child.pid(), text,
					child.output()).isTrue();
			assertThat(System.nanoTime() - deadline).as("'%s' not logged in time%n%s", text, child.output())
				.isNegative();
			Thread.sleep(20);
		}
	}

	/** Each kind of lock, on the engine that has it. */
	enum Kind {

		SQLITE_FILE(Engine.SQLITE, LockMode.AUTO, false, "file lock", true),

		POSTGRESQL_TRANSACTION(Engine.POSTGRESQL, LockMode.TRANSACTION, true,
				"advisory lock (transaction), keep-alive and idle timeout", false),

		POSTGRESQL_SESSION(Engine.POSTGRESQL, LockMode.SESSION, false, "advisory lock (session)", false),

		POSTGRESQL_TABLE(Engine.POSTGRESQL, LockMode.TABLE, true, "lock table, heartbeat", true),

		MARIADB_GET_LOCK(Engine.MARIADB, LockMode.AUTO, false, "GET_LOCK", false);

		final Engine engine;

		final LockMode mode;

		/**
		 * Whether the lease setting applies: the lock table's heartbeat, and the transaction-level
		 * lock's keep-alive (the server ends a transaction idle for a lease). The others die with
		 * their holder's process or connection and have none.
		 */
		final boolean leased;

		final String label;

		/** Whether the lock outlives a killed holder and is taken over (and logged), rather than freed. */
		final boolean outlivesItsHolder;

		Kind(Engine engine, LockMode mode, boolean leased, String label, boolean outlivesItsHolder) {
			this.engine = engine;
			this.mode = mode;
			this.leased = leased;
			this.label = label;
			this.outlivesItsHolder = outlivesItsHolder;
		}

		/** What the issue asks: taken over within the lease plus one second (one second where there is no lease). */
		Duration bound(Duration lease) {
			return (this.leased ? lease : Duration.ZERO).plusSeconds(1);
		}

		String leaseText(Duration lease) {
			return this.leased ? lease.toMillis() + " ms" : "none (dies with its holder)";
		}

	}

}
