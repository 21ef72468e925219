package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.migrator.core.api.LockMode;
import dev.migrator.core.testing.ChildJvm;

/**
 * Eight application instances starting at once against one database, as after a deploy, trial after
 * trial on a fresh database each: every migration is applied exactly once (history and effects),
 * every process ends well, and the logs show one lock holder at a time. Prints one
 * {@code RELIABILITY concurrency |} line per engine with the waits for the lock. Trials per engine:
 * {@code -Dmigrator.concurrency.trials} (1 here, 30 in the {@code reliability} profile).
 */
class ConcurrencyTest {

	static final int PROCESSES = 8;

	/** Each Java migration's sleep: long enough that the other runners arrive while one works. */
	static final long MIGRATION_MILLIS = 300;

	static final int TRIALS = Integer.getInteger("migrator.concurrency.trials", 1);

	@TempDir
	Path dir;

	@ParameterizedTest
	@EnumSource(Engine.class)
	void eightProcessesStartedTogetherApplyEachMigrationOnceOneAtATime(Engine engine) throws Exception {
		List<String> problems = new ArrayList<>();
		List<String> overlaps = new ArrayList<>();
		List<Long> lockWaits = new ArrayList<>();
		List<Long> toLock = new ArrayList<>();
		boolean exactlyOnce = true;
		int upToDateWithoutLock = 0;
		for (int trial = 1; trial <= TRIALS; trial++) {
			Path trialDir = Files.createDirectories(this.dir.resolve("trial-" + trial));
			DatabaseFixture db = engine.fixture(trialDir);
			db.write("1_effects.sql", ConcurrencyRunner.FIRST_SCRIPT);
			List<ChildJvm> runners = new ArrayList<>();
			try {
				for (int i = 0; i < PROCESSES; i++) {
					runners.add(ChildJvm.start(trialDir, "runner-" + i, ConcurrencyRunner.class,
							engine.runnerArguments(db, LockMode.AUTO, Duration.ofSeconds(30), MIGRATION_MILLIS)));
				}
				int applied = 0;
				List<LockSpan> spans = new ArrayList<>();
				for (ChildJvm runner : runners) {
					int exit = runner.awaitExit(Duration.ofMinutes(5));
					Optional<String> done = runner.stdoutLines()
						.stream()
						.filter((line) -> line.startsWith("DONE "))
						.findFirst();
					Optional<LockSpan> span = LockSpan.of(runner);
					if (exit == 0 && span.isEmpty() && done.isPresent() && done.get().equals("DONE 0")
							&& runner.output().contains("nothing to migrate")) {
						// started after the others had finished: an up-to-date start reads the
						// committed history and needs no lock
						upToDateWithoutLock++;
						continue;
					}
					if (exit != 0 || done.isEmpty() || span.isEmpty()) {
						problems.add("trial " + trial + ": runner " + runner.pid() + " exited " + exit
								+ (span.isEmpty() ? " without logging one lock span" : "") + "\n" + runner.output());
						continue;
					}
					applied += Integer.parseInt(done.get().substring(5));
					spans.add(span.get());
					lockWaits.add(span.get().lockWait().toMillis());
					toLock.add(span.get().sinceMigrateCalled().toMillis());
				}
				List<String> found = LockSpan.overlaps(spans);
				String inTrial = "trial " + trial + ": ";
				found.forEach((overlap) -> overlaps.add(inTrial + overlap));
				List<String> notOnce = eachMigrationOnce(db, applied);
				if (!takeovers(db).isEmpty()) {
					notOnce.add("a live holder was taken over: " + takeovers(db));
				}
				if (!notOnce.isEmpty()) {
					exactlyOnce = false;
					notOnce.forEach((problem) -> problems.add(inTrial + problem));
				}
			}
			finally {
				runners.forEach(ChildJvm::close);
			}
		}
		System.out.printf(Locale.ROOT,
				"RELIABILITY concurrency | %s | trials %d | processes %d | ended well %d/%d"
						+ " | up to date without the lock %d | migrations applied exactly once %s | overlaps %d"
						+ " | lock wait median %d ms | lock wait max %d ms"
						+ " | migrate call to lock median %d ms | migrate call to lock max %d ms%n",
				engine.label, TRIALS, PROCESSES, lockWaits.size() + upToDateWithoutLock, TRIALS * PROCESSES, upToDateWithoutLock,
				exactlyOnce ? "y" : "n",
				overlaps.size(), median(lockWaits), max(lockWaits), median(toLock), max(toLock));

		assertThat(problems).isEmpty();
		assertThat(overlaps).as("runners holding the lock at the same time").isEmpty();
		// every runner either took the lock or, started after the others had finished, found
		// everything applied without it; how many did which depends on scheduling, not on the code
		assertThat(lockWaits.size() + upToDateWithoutLock).as("runners that ended well").isEqualTo(TRIALS * PROCESSES);
		assertThat(lockWaits).as("at least one runner per trial took the lock and applied").hasSizeGreaterThanOrEqualTo(TRIALS);
	}

	/**
	 * What is wrong with the database after one trial, if anything: each migration must be applied
	 * once in the history, logged once as applied, and have left its one row; and the runners
	 * together must say they applied each once.
	 */
	static List<String> eachMigrationOnce(DatabaseFixture db, int appliedByRunners) throws Exception {
		List<String> problems = new ArrayList<>();
		List<String> expected = new ArrayList<>(List.of("1|1"));
		for (String version : ConcurrencyRunner.JAVA_VERSIONS) {
			expected.add(version + "|1");
		}
		check(problems, "history", db.query("SELECT version, count(*) FROM schema_migrations WHERE status = 'applied'"
				+ " GROUP BY version ORDER BY version"), expected);
		check(problems, "log", db.query("SELECT version, count(*) FROM schema_migrations_log WHERE action = 'migrate'"
				+ " AND success GROUP BY version ORDER BY version"), expected);
		check(problems, "effects", db.query("SELECT version, count(*) FROM effects GROUP BY version ORDER BY version"),
				expected);
		if (appliedByRunners != ConcurrencyRunner.MIGRATIONS) {
			problems.add("the runners applied " + appliedByRunners + " migrations in all, not "
					+ ConcurrencyRunner.MIGRATIONS);
		}
		return problems;
	}

	/** The errors of the lock takeovers logged, each naming the holder taken over from. */
	static List<String> takeovers(DatabaseFixture db) throws Exception {
		return db.query("SELECT error FROM schema_migrations_log WHERE action = 'lock_takeover'");
	}

	private static void check(List<String> problems, String what, List<String> actual, List<String> expected) {
		if (!actual.equals(expected)) {
			problems.add(what + ": " + actual + ", expected " + expected);
		}
	}

	static long median(List<Long> values) {
		if (values.isEmpty()) {
			return -1;
		}
		List<Long> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	static long max(List<Long> values) {
		return values.stream().mapToLong(Long::longValue).max().orElse(-1);
	}

	/** The engines the trials run on, each with a fresh database per trial. */
	enum Engine {

		SQLITE("SQLite"), POSTGRESQL("PostgreSQL"), MARIADB("MariaDB");

		final String label;

		Engine(String label) {
			this.label = label;
		}

		DatabaseFixture fixture(Path dir) throws Exception {
			return switch (this) {
				case SQLITE -> new SqliteFixture(dir);
				case POSTGRESQL -> new PostgresFixture(dir);
				case MARIADB -> new MariaDbFixture(dir);
			};
		}

		/** {@link ConcurrencyRunner}'s arguments for this fixture's database. */
		String[] runnerArguments(DatabaseFixture db, LockMode mode, Duration lease, long sleepMillis) {
			String[] login = switch (this) {
				case SQLITE -> new String[] { ((SqliteFixture) db).url(), "", "" };
				case POSTGRESQL -> new String[] { ((PostgresFixture) db).url(), "", "" };
				case MARIADB -> new String[] { ((MariaDbFixture) db).url(), ((MariaDbFixture) db).server.user(),
						((MariaDbFixture) db).server.password() };
			};
			return new String[] { login[0], login[1], login[2], db.migrations.toString(), mode.name(),
					String.valueOf(lease.toMillis()), String.valueOf(sleepMillis) };
		}

	}

}
