package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.migrator.core.ConcurrencyTest.Engine;
import dev.migrator.core.api.LockMode;
import dev.migrator.core.testing.ChildJvm;

/**
 * Waiting for the lock behind a live holder, between real processes ({@link LockWaitRunner}): the
 * holder's migration lasts until the test says so, far past the waiter's one-second wait timeout.
 * While the holder is alive and its heartbeat moves, the waiter keeps waiting and then finds the
 * schema up to date; a holder killed mid-migration is freed or taken over and the waiter applies the
 * migration once; a holder that is alive but frozen (SIGSTOP) stops its heartbeat, and the waiter
 * gives up on it. SQLite's file lock always; PostgreSQL's transaction-level advisory lock and lock
 * table also under {@code -Dmigrator.lock-wait.all-kinds=true} (the {@code reliability} profile).
 */
class LockWaitTest {

	/** Far shorter than the holder's migration, which lasts until the test creates its marker. */
	static final Duration WAIT_TIMEOUT = Duration.ofSeconds(1);

	/** The holder beats every third of it; a waiter trusts a heartbeat seen to move within it. */
	static final Duration LEASE = Duration.ofSeconds(2);

	/** How long a child JVM may take to start and reach its migration on a busy machine. */
	static final Duration STARTUP = Duration.ofMinutes(2);

	static final String KEEPS_WAITING = "so this runner keeps waiting";

	@TempDir
	Path dir;

	@ParameterizedTest
	@EnumSource(Kind.class)
	void aWaiterBehindALiveHolderKeepsWaitingPastItsTimeoutThenFindsTheSchemaUpToDate(Kind kind) throws Exception {
		assumeTrue(kind.runs(), "PostgreSQL kinds run with -Dmigrator.lock-wait.all-kinds=true");
		DatabaseFixture db = kind.engine.fixture(this.dir);
		db.write("1_effects.sql", ConcurrencyRunner.FIRST_SCRIPT);
		Path holderMarker = this.dir.resolve("go-holder");
		try (ChildJvm holder = runner("holder", kind, db, holderMarker);
				ChildJvm waiter = startWhenMigrating(holder, kind, db)) {
			awaitLog(waiter, KEEPS_WAITING);
			// past its own timeout, it waits on for a whole lease more: the holder's heartbeat keeps it there
			waiter.process().waitFor(LEASE.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(waiter.process().isAlive()).as("the waiter waits on behind a live holder%n%s", waiter.output())
				.isTrue();
			assertThat(waiter.stdoutLines()).as(waiter.output()).noneMatch((line) -> line.startsWith("TIMEOUT"));

			Files.createFile(holderMarker);

			assertThat(holder.awaitExit(STARTUP)).as(holder.output()).isZero();
			assertThat(waiter.awaitExit(STARTUP)).as(waiter.output()).isZero();
			assertThat(holder.awaitLine("DONE ", Duration.ofSeconds(1))).isEqualTo("DONE 2");
			assertThat(waiter.awaitLine("DONE ", Duration.ofSeconds(1))).isEqualTo("DONE 0");
			assertThat(waiter.output()).contains("Schema is up to date at version 2; nothing to migrate");
			assertThat(waiter.stderrLines()).filteredOn((line) -> line.contains(KEEPS_WAITING))
				.singleElement()
				.asString()
				.contains("INFO", "Waited 1.0s (migrator.lock.wait-timeout)", "pid " + holder.pid(), "since ",
						"heartbeat moved", "(migrator.lock.max-wait)");
			LockSpan held = LockSpan.of(holder).orElseThrow();
			LockSpan waited = LockSpan.of(waiter).orElseThrow();
			assertThat(waited.acquired()).as("the waiter had the lock only once the holder let it go")
				.isAfterOrEqualTo(held.releasing());
			assertThat(eachMigrationOnce(db)).isEmpty();
			assertThat(ConcurrencyTest.takeovers(db)).isEmpty();
		}
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void aHolderKilledWhileAWaiterWaitsOnIsFreedOrTakenOverAndTheWaiterAppliesTheMigrationOnce(Kind kind)
			throws Exception {
		assumeTrue(kind.runs(), "PostgreSQL kinds run with -Dmigrator.lock-wait.all-kinds=true");
		DatabaseFixture db = kind.engine.fixture(this.dir);
		db.write("1_effects.sql", ConcurrencyRunner.FIRST_SCRIPT);
		try (ChildJvm holder = runner("holder", kind, db, this.dir.resolve("never"));
				ChildJvm waiter = startWhenMigrating(holder, kind, db)) {
			awaitLog(waiter, KEEPS_WAITING);

			Instant kill = Instant.now();
			holder.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);

			assertThat(waiter.awaitExit(STARTUP)).as(waiter.output()).isZero();
			assertThat(waiter.awaitLine("DONE ", Duration.ofSeconds(1))).isEqualTo("DONE 1");
			assertThat(LockSpan.logged(waiter, LockSpan.ACQUIRED)).as("the lock was had only after the kill")
				.isAfterOrEqualTo(kill.minusMillis(5));
			assertThat(eachMigrationOnce(db)).isEmpty();
			assertThat(db.query("SELECT pid FROM effects WHERE version = '2'")).containsExactly(String.valueOf(waiter.pid()));
			if (kind.outlivesItsHolder) {
				assertThat(ConcurrencyTest.takeovers(db)).singleElement()
					.asString()
					.contains("took over the lock from host ", "pid " + holder.pid());
			}
			else {
				assertThat(ConcurrencyTest.takeovers(db)).isEmpty();
			}
		}
	}

	/** Alive is not enough: a holder whose heartbeat stands still (here: the process stopped) is waited for no longer. */
	@Test
	void aFrozenHolderIsNotProgressingAndTheWaiterTimesOutNamingIt() throws Exception {
		DatabaseFixture db = Engine.SQLITE.fixture(this.dir);
		db.write("1_effects.sql", ConcurrencyRunner.FIRST_SCRIPT);
		try (ChildJvm holder = runner("holder", Kind.SQLITE_FILE, db, this.dir.resolve("never"));
				ChildJvm waiter = startWhenMigrating(holder, Kind.SQLITE_FILE, db)) {
			awaitLog(waiter, "Waiting for the migration lock");
			signal("STOP", holder.pid());
			try {
				assertThat(waiter.awaitExit(STARTUP)).as(waiter.output()).isEqualTo(3);
			}
			finally {
				signal("CONT", holder.pid());
			}
			assertThat(waiter.awaitLine("TIMEOUT ", Duration.ofSeconds(1))).contains(
					"pid " + holder.pid(), "whose heartbeat has not moved for", "the holder is not progressing",
					"migrator.lock.wait-timeout (now 1.0s)");
			assertThat(holder.process().isAlive()).as("a live holder is never overtaken").isTrue();
			assertThat(db.query("SELECT count(*) FROM effects WHERE version = '2'")).containsExactly("0");
		}
	}

	private ChildJvm runner(String name, Kind kind, DatabaseFixture db, Path marker) throws Exception {
		List<String> args = new ArrayList<>(Arrays.asList(kind.engine.runnerArguments(db, kind.mode, LEASE, 0)));
		args.set(6, String.valueOf(WAIT_TIMEOUT.toMillis()));
		args.add(marker.toString());
		return ChildJvm.start(this.dir, name, LockWaitRunner.class, args.toArray(String[]::new));
	}

	/** The waiter starts once the holder is inside migration 2, the lock held; its own migration 2 would not wait. */
	private ChildJvm startWhenMigrating(ChildJvm holder, Kind kind, DatabaseFixture db) throws Exception {
		holder.awaitLine("MIGRATING 2", STARTUP);
		Path waiterMarker = Files.createFile(this.dir.resolve("go-waiter"));
		return runner("waiter", kind, db, waiterMarker);
	}

	private static void awaitLog(ChildJvm child, String text) throws InterruptedException {
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (child.stderrLines().stream().noneMatch((line) -> line.contains(text))) {
			assertThat(child.process().isAlive()).as("child %d ended before logging '%s'%n%s", child.pid(), text,
					child.output()).isTrue();
			assertThat(System.nanoTime() - deadline).as("'%s' not logged in time%n%s", text, child.output())
				.isNegative();
			Thread.sleep(20);
		}
	}

	private static void signal(String signal, long pid) throws Exception {
		assertThat(new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).start().waitFor()).isZero();
	}

	/** Versions 1 and 2 each applied once: one history row, one successful log entry, one effect. */
	private static List<String> eachMigrationOnce(DatabaseFixture db) throws Exception {
		List<String> expected = List.of("1|1", "2|1");
		List<String> problems = new ArrayList<>();
		for (String[] check : new String[][] {
				{ "history", "SELECT version, count(*) FROM schema_migrations WHERE status = 'applied' GROUP BY version ORDER BY version" },
				{ "log", "SELECT version, count(*) FROM schema_migrations_log WHERE action = 'migrate' AND success GROUP BY version ORDER BY version" },
				{ "effects", "SELECT version, count(*) FROM effects GROUP BY version ORDER BY version" } }) {
			List<String> actual = db.query(check[1]);
			if (!actual.equals(expected)) {
				problems.add(check[0] + ": " + actual + ", expected " + expected);
			}
		}
		return problems;
	}

	/** The locks with a heartbeat a waiter can watch. */
	enum Kind {

		SQLITE_FILE(Engine.SQLITE, LockMode.AUTO, true, true),

		POSTGRESQL_TRANSACTION(Engine.POSTGRESQL, LockMode.TRANSACTION, false, false),

		POSTGRESQL_TABLE(Engine.POSTGRESQL, LockMode.TABLE, true, false);

		final Engine engine;

		final LockMode mode;

		/** Whether the lock outlives a killed holder and is taken over (and logged), rather than freed. */
		final boolean outlivesItsHolder;

		/** Whether it runs in the default suite (each case starts two JVMs); the others with all kinds. */
		final boolean always;

		Kind(Engine engine, LockMode mode, boolean outlivesItsHolder, boolean always) {
			this.engine = engine;
			this.mode = mode;
			this.outlivesItsHolder = outlivesItsHolder;
			this.always = always;
		}

		boolean runs() {
			return this.always || Boolean.getBoolean("migrator.lock-wait.all-kinds");
		}

	}

}
