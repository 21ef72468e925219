package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.testing.ChildJvm;

/**
 * A migrating process killed with SIGKILL at random instants leaves a database the next run can
 * finish: every migration applied and recorded, or neither; integrity intact; no lock left
 * blocking. Seeded and repeatable: {@code -Dmigrator.crash.seed=N}; {@code -Dmigrator.crash.trials=N}
 * (the {@code reliability} profile runs hundreds).
 */
class CrashSafetyTest {

	private static final int MIGRATIONS = 8;

	private static final int ROWS = 20_000;

	@TempDir
	Path dir;

	@Test
	void killedMigrationsLeaveNothingHalfDone() throws Exception {
		long seed = Long.getLong("migrator.crash.seed", 20261121L);
		int trials = Integer.getInteger("migrator.crash.trials", 20);
		Random random = new Random(seed);
		Path migrations = Files.createDirectories(this.dir.resolve("migrations"));
		for (int i = 1; i <= MIGRATIONS; i++) {
			Files.writeString(migrations.resolve(i + "_bulk_" + i + ".sql"), """
					CREATE TABLE bulk_%1$d (id INTEGER PRIMARY KEY, payload TEXT);
					WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %2$d)
					INSERT INTO bulk_%1$d (id, payload) SELECT i, hex(randomblob(32)) FROM n;
					CREATE INDEX bulk_%1$d_payload ON bulk_%1$d (payload);
					""".formatted(i, ROWS));
		}
		long fullRun = timeOneFullRun(migrations);
		List<Long> recoveryMillis = new ArrayList<>();
		int inconsistent = 0;
		int killedMidRun = 0;
		for (int trial = 0; trial < trials; trial++) {
			Path trialDir = Files.createDirectories(this.dir.resolve("trial-" + trial));
			SqliteFixture fx = new SqliteFixture(trialDir);
			// anywhere in the engine's working time, measured from the child's first line of output
			long killAfter = random.nextLong(fullRun + 1);
			try (ChildJvm child = ChildJvm.start(trialDir, "child", CrashChild.class, fx.db.toString(), migrations.toString())) {
				child.awaitLine("STARTED", Duration.ofSeconds(30));
				Thread.sleep(killAfter);
				child.process().destroyForcibly();
				int exit = child.awaitExit(Duration.ofSeconds(30));
				if (exit == 137 && !child.stdoutLines().contains("DONE")) {
					killedMidRun++;
				}
			}
			inconsistent += inconsistentMigrations(fx, "trial " + trial + " (seed " + seed + ", killed after " + killAfter + " ms)");
			assertThat(fx.query("PRAGMA integrity_check")).as("integrity after the kill, trial %d", trial).containsExactly("ok");

			long start = System.nanoTime();
			fx.configure().locations("filesystem:" + migrations).lockWaitTimeout(Duration.ofSeconds(5)).load().migrate();
			recoveryMillis.add((System.nanoTime() - start) / 1_000_000);

			assertThat(fx.query("SELECT count(*) FROM schema_migrations WHERE status = 'applied'")).containsExactly(String.valueOf(MIGRATIONS));
			assertThat(fx.query("PRAGMA integrity_check")).containsExactly("ok");
		}
		Collections.sort(recoveryMillis);
		System.out.printf("Crash safety: a child works %d ms; %d trials (seed %d), %d killed mid-run, %d inconsistent states, recovery median %d ms, max %d ms%n",
				fullRun, trials, seed, killedMidRun, inconsistent, recoveryMillis.get(recoveryMillis.size() / 2),
				recoveryMillis.get(recoveryMillis.size() - 1));
		assertThat(inconsistent).isZero();
		assertThat(killedMidRun).as("kills that landed while the child was still working").isGreaterThanOrEqualTo(trials / 2);
	}

	/** How long a child works, from its first line to its exit, when nobody kills it, on this machine now. */
	private long timeOneFullRun(Path migrations) throws Exception {
		Path calibration = Files.createDirectories(this.dir.resolve("calibration"));
		try (ChildJvm child = ChildJvm.start(calibration, "child", CrashChild.class,
				calibration.resolve("app.db").toString(), migrations.toString())) {
			child.awaitLine("STARTED", Duration.ofSeconds(30));
			long start = System.nanoTime();
			assertThat(child.awaitExit(Duration.ofSeconds(60))).as(child.output()).isZero();
			return (System.nanoTime() - start) / 1_000_000;
		}
	}

	/** How many migrations are recorded without their effect, or have their effect unrecorded. */
	private static int inconsistentMigrations(SqliteFixture fx, String trial) throws Exception {
		List<String> tables = fx.tables();
		List<String> recorded = tables.contains("schema_migrations")
				? fx.query("SELECT version FROM schema_migrations WHERE status = 'applied'") : List.of();
		int inconsistent = 0;
		for (int i = 1; i <= MIGRATIONS; i++) {
			boolean done = tables.contains("bulk_" + i)
					&& fx.query("SELECT count(*) FROM bulk_" + i).equals(List.of(String.valueOf(ROWS)));
			boolean isRecorded = recorded.contains(String.valueOf(i));
			if (done != isRecorded || (tables.contains("bulk_" + i) && !done)) {
				System.out.printf("Inconsistent migration %d after %s: effect %s, recorded %s%n", i, trial, done, isRecorded);
				inconsistent++;
			}
		}
		return inconsistent;
	}

}
