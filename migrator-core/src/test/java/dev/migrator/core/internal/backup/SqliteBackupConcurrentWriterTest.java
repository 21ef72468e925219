package dev.migrator.core.internal.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.migrator.core.api.BackupInfo;

/**
 * A writer on another connection commits in a loop while backups run. Each commit adds a row and
 * bumps a tally in one transaction, so a copy is consistent exactly when its row count equals its
 * tally; the tally also shows which commits the snapshot holds.
 */
class SqliteBackupConcurrentWriterTest {

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { "delete", "wal" })
	@Timeout(60)
	void backupUnderAConcurrentWriterIsOneConsistentVerifiedSnapshot(String journalMode) throws Exception {
		SqliteTestDatabase db = new SqliteTestDatabase(this.dir.resolve("busy.db"));
		db.execute("PRAGMA journal_mode = " + journalMode, "CREATE TABLE item (id INTEGER PRIMARY KEY, payload BLOB)",
				"CREATE TABLE tally (n INTEGER NOT NULL)", "CREATE INDEX item_payload ON item (substr(payload, 1, 8))",
				// About 20 MB: a couple of hundred 100-page steps of sqlite-jdbc's backup loop.
				"WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 20000)"
						+ " INSERT INTO item (payload) SELECT randomblob(1000) FROM n",
				"INSERT INTO tally VALUES (20000)");
		MutableClock clock = new MutableClock(Instant.parse("2025-03-04T05:06:07Z"));
		SqliteBackupStore store = new SqliteBackupStore(
				new BackupSettings(this.dir.resolve("backups"), false, 10, Duration.ofDays(30)), clock);
		AtomicBoolean stop = new AtomicBoolean();
		AtomicLong commits = new AtomicLong();
		AtomicReference<Throwable> writerFailure = new AtomicReference<>();
		// A rollback-journal writer that commits back to back never lets a reader take its shared lock (the
		// backup fails cleanly with SQLITE_BUSY then); a millisecond between commits is a busy application.
		Duration pause = "wal".equals(journalMode) ? Duration.ZERO : Duration.ofMillis(1);
		Thread writer = new Thread(() -> write(db, pause, stop, commits, writerFailure), "writer");
		writer.start();
		try {
			awaitCommits(commits, 20);
			for (int run = 0; run < 3; run++) {
				long committedBefore = commits.get();
				BackupInfo info;
				try (Connection connection = db.connect()) {
					info = store.backup(connection, "1");
				}
				long committedAfter = commits.get();
				clock.advance(Duration.ofSeconds(1));

				assertThat(info.verified()).isTrue();
				SqliteTestDatabase copy = new SqliteTestDatabase(this.dir.resolve("backups").resolve(info.id()));
				long rows = Long.parseLong(copy.query("SELECT count(*) FROM item").get(0));
				long tally = Long.parseLong(copy.query("SELECT n FROM tally").get(0));
				assertThat(rows).isEqualTo(tally);
				assertThat(tally - 20000).isBetween(committedBefore, committedAfter + 1);
				assertThat(copy.query("PRAGMA integrity_check")).containsExactly("ok");
				awaitCommits(commits, committedAfter + 5);
			}
		}
		finally {
			stop.set(true);
			writer.join();
		}
		assertThat(writerFailure.get()).isNull();
	}

	private static void write(SqliteTestDatabase db, Duration pause, AtomicBoolean stop, AtomicLong commits,
			AtomicReference<Throwable> failure) {
		try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			while (!stop.get()) {
				statement.execute("INSERT INTO item (payload) VALUES (randomblob(1000))");
				statement.execute("UPDATE tally SET n = n + 1");
				connection.commit();
				commits.incrementAndGet();
				if (!pause.isZero()) {
					Thread.sleep(pause.toMillis());
				}
			}
		}
		catch (SQLException | InterruptedException | RuntimeException ex) {
			failure.set(ex);
		}
	}

	private static void awaitCommits(AtomicLong commits, long atLeast) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (commits.get() < atLeast && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		assertThat(commits.get()).as("writer commits").isGreaterThanOrEqualTo(atLeast);
	}

}
