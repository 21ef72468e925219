package dev.migrator.core.internal.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.migrator.core.api.BackupInfo;

/**
 * Measures the backup methods on a database of about 300 MB; the figures are in
 * docs/BACKUP-MEASUREMENTS.md. Not run by default (minutes, and 1 GB of scratch space):
 * <pre>
 * mvn -B -o -pl migrator-core test -Djacoco.skip=true -Dtest=BackupMethodMeasurementTest \
 *     -Dmigrator.measure=true [-Dmigrator.measure.dir=/tmp/migrator-measure] [-Dmigrator.measure.runs=5]
 * </pre>
 * The database is generated once into the scratch folder (outside the repository) and reused.
 */
@EnabledIfSystemProperty(named = "migrator.measure", matches = "true")
class BackupMethodMeasurementTest {

	private static final double MB = 1024 * 1024;

	private final Path scratch = Path.of(System.getProperty("migrator.measure.dir",
			Path.of(System.getProperty("java.io.tmpdir"), "migrator-measure").toString()));

	private final int runs = Integer.getInteger("migrator.measure.runs", 5);

	private final List<String> report = new ArrayList<>();

	@Test
	void measure() throws Exception {
		Files.createDirectories(this.scratch);
		Path rollback = generate(this.scratch.resolve("measure-delete.db"));
		Path wal = this.scratch.resolve("measure-wal.db");
		Files.copy(rollback, wal, StandardCopyOption.REPLACE_EXISTING);
		Files.deleteIfExists(this.scratch.resolve("measure-wal.db-wal"));
		new SqliteTestDatabase(wal).execute("PRAGMA journal_mode = WAL");
		print("Machine: %d cores, %s %s, Java %s, SQLite %s; database %.1f MB (%d pages of %s bytes); median of %d runs,"
				+ " warm page cache, each timing ends with an fsync of the output, MB = 2^20 bytes.", Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
				System.getProperty("os.arch"), System.getProperty("java.version"), sqliteVersion(rollback),
				Files.size(rollback) / MB, pageCount(rollback), new SqliteTestDatabase(rollback).query("PRAGMA page_size").get(0),
				this.runs);

		for (Path db : List.of(rollback, wal)) {
			methods(db);
		}
		pipeline(rollback);
		for (Path db : List.of(rollback, wal)) {
			underWriter(db);
		}
		Files.writeString(this.scratch.resolve("measurements.md"), String.join("\n", this.report) + "\n");
	}

	/** MB/s of each method alone, and relative to a plain file copy of the same database. */
	private void methods(Path db) throws Exception {
		String mode = journalMode(db);
		Path out = this.scratch.resolve("out.db");
		Files.copy(db, OutputStream.nullOutputStream());
		List<Long> copy = new ArrayList<>();
		List<Long> api = new ArrayList<>();
		List<Long> vacuum = new ArrayList<>();
		// Each timing ends with an fsync of the output: a backup is only worth something once it is on disk, and
		// it keeps one run's write-back from landing in the next run's figure.
		for (int run = 0; run < this.runs; run++) {
			copy.add(time(() -> {
				Files.copy(db, out);
				force(out);
			}, out));
			api.add(time(() -> {
				Files.createFile(out);
				try (Connection connection = new SqliteTestDatabase(db).connect()) {
					SqliteOnlineBackup.copy(connection, out);
				}
				force(out);
			}, out));
			vacuum.add(time(() -> {
				try (Connection connection = new SqliteTestDatabase(db).connect();
						Statement statement = connection.createStatement()) {
					statement.execute("VACUUM INTO '" + out + "'");
				}
				force(out);
			}, out));
		}
		double size = Files.size(db) / MB;
		double copyRate = size / seconds(median(copy));
		print("");
		print("Journal mode %s, no other connection:", mode);
		print("| method | median ms | MB/s | relative to Files.copy | runs (ms) |");
		print("|---|---:|---:|---:|---|");
		for (var row : List.of(List.of("Files.copy (not a valid backup of a live database)", copy),
				List.of("online backup API (`backup to` in one read transaction)", api), List.of("VACUUM INTO", vacuum))) {
			@SuppressWarnings("unchecked")
			List<Long> times = (List<Long>) row.get(1);
			double rate = size / seconds(median(times));
			print("| %s | %d | %.0f | %.2f | %s |", row.get(0), median(times), rate, rate / copyRate, times);
		}
		// Why the page-count check needs the backup API: VACUUM INTO repacks, so its copy has its own page count.
		Files.deleteIfExists(out);
		Files.createFile(out);
		long snapshot;
		try (Connection connection = new SqliteTestDatabase(db).connect()) {
			snapshot = SqliteOnlineBackup.copy(connection, out);
		}
		long apiPages = pageCount(out);
		Files.delete(out);
		new SqliteTestDatabase(db).execute("VACUUM INTO '" + out + "'");
		print("Pages: snapshot %d, backup API copy %d, VACUUM INTO copy %d.", snapshot, apiPages, pageCount(out));
		Files.deleteIfExists(out);
	}

	/** What the rest of a backup costs: verification, checksum, gzip, and a whole backup through the store. */
	private void pipeline(Path db) throws Exception {
		Path out = this.scratch.resolve("out.db");
		Files.deleteIfExists(out);
		Files.createFile(out);
		try (Connection connection = new SqliteTestDatabase(db).connect()) {
			SqliteOnlineBackup.copy(connection, out);
		}
		double size = Files.size(out) / MB;
		Path gz = this.scratch.resolve("out.db.gz");
		int few = Math.min(this.runs, 3);
		List<Long> integrity = new ArrayList<>();
		List<Long> sha = new ArrayList<>();
		List<Long> fast = new ArrayList<>();
		List<Long> normal = new ArrayList<>();
		long fastSize = 0;
		long normalSize = 0;
		for (int run = 0; run < few; run++) {
			integrity.add(time(() -> SqliteOnlineBackup.check(out), null));
			sha.add(time(() -> ChecksumSidecar.compute(out), null));
			fast.add(time(() -> gzip(out, gz, Deflater.BEST_SPEED), null));
			fastSize = Files.size(gz);
			normal.add(time(() -> gzip(out, gz, Deflater.DEFAULT_COMPRESSION), null));
			normalSize = Files.size(gz);
		}
		Path backups = this.scratch.resolve("backups");
		List<Long> plain = new ArrayList<>();
		List<Long> compressed = new ArrayList<>();
		for (int run = 0; run < few; run++) {
			plain.add(storeBackup(db, backups, false));
			compressed.add(storeBackup(db, backups, true));
		}
		print("");
		print("The rest of a backup (%.1f MB copy, rollback-journal mode):", size);
		print("| step | median ms | MB/s | runs (ms) |");
		print("|---|---:|---:|---|");
		print("| PRAGMA integrity_check + page_count on the copy | %d | %.0f | %s |", median(integrity),
				size / seconds(median(integrity)), integrity);
		print("| SHA-256 of the file | %d | %.0f | %s |", median(sha), size / seconds(median(sha)), sha);
		print("| gzip level 1 (BEST_SPEED), output %.0f%% of input | %d | %.0f | %s |", 100.0 * fastSize / Files.size(out),
				median(fast), size / seconds(median(fast)), fast);
		print("| gzip level 6 (default), output %.0f%% of input | %d | %.0f | %s |", 100.0 * normalSize / Files.size(out),
				median(normal), size / seconds(median(normal)), normal);
		print("| whole backup through SqliteBackupStore, uncompressed | %d | %.0f | %s |", median(plain),
				size / seconds(median(plain)), plain);
		print("| whole backup through SqliteBackupStore, gzip level 1 | %d | %.0f | %s |", median(compressed),
				size / seconds(median(compressed)), compressed);
		Files.deleteIfExists(out);
		Files.deleteIfExists(gz);
	}

	/**
	 * Each method while another connection commits in a loop (one row plus a tally bump per
	 * transaction, so a copy is consistent exactly when its rows match its tally). The writer stops
	 * after 30 s at most, which is what lets a method that cannot finish under it finish at all.
	 */
	private void underWriter(Path db) throws Exception {
		String mode = journalMode(db);
		new SqliteTestDatabase(db).execute("CREATE TABLE IF NOT EXISTS tally (n INTEGER NOT NULL)", "DELETE FROM tally",
				"INSERT INTO tally SELECT count(*) FROM event");
		print("");
		print("Journal mode %s, another connection committing in a loop%s:", mode,
				"wal".equals(mode) ? " back to back" : " with 1 ms between commits");
		print("| method | outcome | ms | writer commits during | copy consistent | copy pages = snapshot pages |");
		print("|---|---|---:|---:|---|---|");
		for (String method : List.of("backup API in one read transaction (as built)",
				"plain `backup to` (sqlite-jdbc's 100-page steps, no held transaction)", "VACUUM INTO")) {
			Path out = this.scratch.resolve("out.db");
			Files.deleteIfExists(out);
			Files.createFile(out);
			AtomicBoolean stop = new AtomicBoolean();
			AtomicLong commits = new AtomicLong();
			Duration pause = "wal".equals(mode) ? Duration.ZERO : Duration.ofMillis(1);
			Thread writer = new Thread(() -> write(db, pause, stop, commits));
			writer.start();
			Thread.sleep(300);
			long before = commits.get();
			long started = System.nanoTime();
			String outcome = "ok";
			long snapshotPages = -1;
			try (Connection connection = new SqliteTestDatabase(db).connect();
					Statement statement = connection.createStatement()) {
				switch (method.substring(0, 5)) {
					case "backu" -> snapshotPages = SqliteOnlineBackup.copy(connection, out);
					case "plain" -> statement.executeUpdate("backup to '" + out + "'");
					default -> {
						Files.delete(out);
						statement.execute("VACUUM INTO '" + out + "'");
					}
				}
			}
			catch (SQLException ex) {
				outcome = "failed: " + ex.getMessage();
			}
			long millis = (System.nanoTime() - started) / 1_000_000;
			long during = commits.get() - before;
			boolean writerGaveUp = !writer.isAlive();
			stop.set(true);
			writer.join();
			if (writerGaveUp && outcome.equals("ok")) {
				outcome = "finished only after the writer stopped at 30 s";
			}
			String consistent = "-";
			String pagesMatch = "-";
			if (Files.exists(out) && Files.size(out) > 0) {
				SqliteTestDatabase copy = new SqliteTestDatabase(out);
				consistent = copy.query("SELECT (SELECT count(*) FROM event) = (SELECT n FROM tally)").get(0).equals("1") ? "yes"
						: "NO";
				pagesMatch = (snapshotPages < 0) ? "n/a" : (pageCount(out) == snapshotPages) ? "yes" : "NO";
			}
			print("| %s | %s | %d | %d | %s | %s |", method, outcome, millis, during, consistent, pagesMatch);
			Files.deleteIfExists(out);
		}
	}

	private static void write(Path db, Duration pause, AtomicBoolean stop, AtomicLong commits) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		try (Connection connection = new SqliteTestDatabase(db).connect(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			while (!stop.get() && System.nanoTime() < deadline) {
				try {
					statement.execute("INSERT INTO event (kind, payload) VALUES ('writer', hex(randomblob(150)))");
					statement.execute("UPDATE tally SET n = n + 1");
					connection.commit();
					commits.incrementAndGet();
				}
				catch (SQLException ex) {
					connection.rollback();
				}
				if (!pause.isZero()) {
					Thread.sleep(pause.toMillis());
				}
			}
		}
		catch (SQLException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private long storeBackup(Path db, Path backups, boolean compress) throws Exception {
		SqliteBackupStore store = new SqliteBackupStore(new BackupSettings(backups, compress, 0, Duration.ZERO),
				Clock.systemUTC());
		long started = System.nanoTime();
		BackupInfo info;
		try (Connection connection = new SqliteTestDatabase(db).connect()) {
			info = store.backup(connection, "1");
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		Files.deleteIfExists(backups.resolve(info.id()));
		Files.deleteIfExists(ChecksumSidecar.of(backups.resolve(info.id())));
		return millis;
	}

	/** About 300 MB: customers, orders and events with indexes, in rollback-journal mode. */
	private static Path generate(Path db) throws SQLException, IOException {
		if (Files.exists(db) && Files.size(db) > 200 * MB) {
			return db;
		}
		Files.deleteIfExists(db);
		new SqliteTestDatabase(db).execute("PRAGMA journal_mode = DELETE",
				"CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE, city TEXT,"
						+ " created_at TEXT)",
				"CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customer (id),"
						+ " amount_cents INTEGER, status TEXT, note TEXT, placed_at TEXT)",
				"CREATE TABLE event (id INTEGER PRIMARY KEY, kind TEXT, payload TEXT)",
				"WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 400000) INSERT INTO customer"
						+ " SELECT x, 'Customer ' || x, 'c' || x || '@example.com', 'City ' || (x % 997),"
						+ " datetime(1600000000 + x * 60, 'unixepoch') FROM n",
				"WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 1200000) INSERT INTO orders"
						+ " SELECT x, 1 + abs(random()) % 400000, abs(random()) % 100000, CASE x % 4 WHEN 0 THEN 'NEW'"
						+ " WHEN 1 THEN 'PAID' WHEN 2 THEN 'SHIPPED' ELSE 'DONE' END, hex(randomblob(24)),"
						+ " datetime(1600000000 + x * 30, 'unixepoch') FROM n",
				"WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 350000) INSERT INTO event"
						+ " SELECT x, 'kind' || (x % 13), hex(randomblob(150)) FROM n",
				"CREATE INDEX orders_customer ON orders (customer_id)", "CREATE INDEX orders_placed ON orders (placed_at)",
				"CREATE INDEX event_kind ON event (kind, id)");
		return db;
	}

	private static void gzip(Path source, Path target, int level) throws IOException {
		try (InputStream in = Files.newInputStream(source);
				OutputStream out = new GZIPOutputStream(Files.newOutputStream(target), 1 << 16) {
					{
						this.def.setLevel(level);
					}
				}) {
			in.transferTo(out);
		}
	}

	private static long time(Step step, Path deleteBefore) throws Exception {
		if (deleteBefore != null) {
			Files.deleteIfExists(deleteBefore);
		}
		long started = System.nanoTime();
		step.run();
		return (System.nanoTime() - started) / 1_000_000;
	}

	private static void force(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			channel.force(true);
		}
	}

	private static long median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

	private static double seconds(long millis) {
		return millis / 1000.0;
	}

	private static long pageCount(Path db) throws SQLException {
		return Long.parseLong(new SqliteTestDatabase(db).query("PRAGMA page_count").get(0));
	}

	private static String journalMode(Path db) throws SQLException {
		return new SqliteTestDatabase(db).query("PRAGMA journal_mode").get(0);
	}

	private static String sqliteVersion(Path db) throws SQLException {
		return new SqliteTestDatabase(db).query("SELECT sqlite_version()").get(0);
	}

	private void print(String format, Object... args) {
		String line = String.format(Locale.ROOT, format, args);
		this.report.add(line);
		System.out.println(line);
		System.out.flush();
	}

	@FunctionalInterface
	private interface Step {

		void run() throws Exception;

	}

}
