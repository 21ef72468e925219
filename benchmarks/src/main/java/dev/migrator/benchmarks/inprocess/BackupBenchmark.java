package dev.migrator.benchmarks.inprocess;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.migrator.benchmarks.report.Result;
import dev.migrator.core.Migrator;
import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.RestoreResult;
import dev.migrator.core.internal.backup.BackupSettings;
import dev.migrator.core.internal.backup.SqliteBackupStore;

/**
 * B4: Migrator's backup and restore of a large SQLite database against copying its file. The
 * backup is the engine's own, as a migrate takes it before changing anything (online copy, integrity
 * check of the copy, page count, SHA-256 beside it); the restore is {@link Migrator#restore}
 * (checksum and integrity check of the backup, a safety backup of the current state, the online
 * restore, an integrity check of the result). The copy is {@code Files.copy} and an fsync, since
 * the engine's backups are durable too. The three alternate, so the page cache treats them alike.
 * With {@code -Dmigrator.benchmarks.before=<classes of an earlier migrator-core>} the backup of that
 * build is measured too, as {@code migrator-backup@before}, in turn with the others.
 */
final class BackupBenchmark {

	private static final int BLOB_BYTES = 64 * 1024;

	/** The database's size in MB (default 1024, 16 with {@code --quick}). */
	static final String MEGABYTES = "migrator.benchmarks.b4.megabytes";

	private static final String RUNS = "migrator.benchmarks.b4.runs";

	/**
	 * {@code true}: the database holds small rows under two indexes (9,000 rows per MB asked, about that size)
	 * instead of blobs, the kind on which integrity_check costs most.
	 */
	private static final String INDEXED = "migrator.benchmarks.b4.indexed";

	/** {@code true} measures the backups and the copy only. */
	private static final String NO_RESTORE = "migrator.benchmarks.b4.no-restore";

	private BackupBenchmark() {
	}

	static List<Result> run(boolean quick) throws IOException, SQLException {
		long megabytes = Long.getLong(MEGABYTES, quick ? 16 : 1024);
		int runs = Integer.getInteger(RUNS, quick ? 1 : 3);
		boolean restore = !Boolean.getBoolean(NO_RESTORE);
		Path work = Workspace.forFork("b4");
		BenchmarkDatabase.deleteTree(work);
		Files.createDirectories(work);
		try {
			Path database = work.resolve("large.db");
			long generation = System.nanoTime();
			if (Boolean.getBoolean(INDEXED)) {
				generateIndexed(database, megabytes);
			}
			else {
				generate(database, megabytes);
			}
			long size = Files.size(database);
			System.out.printf("B4: generated %s, %d MB, in %.0f ms%n", database, size >> 20, millisSince(generation));
			Path backups = work.resolve("backups");
			Migrator migrator = Migrator.configure()
				.url("jdbc:sqlite:" + database)
				.backupDirectory(backups)
				.load();
			SqliteBackupStore store = new SqliteBackupStore(BackupSettings.in(backups), Clock.systemUTC());
			EarlierBackup earlier = EarlierBackup.fromProperty(backups);
			String loadBefore = loadAverage();
			Samples copies = new Samples();
			Samples backupTimes = new Samples();
			Samples earlierTimes = new Samples();
			Samples restores = new Samples();
			for (int run = 1; run <= runs; run++) {
				Path copy = work.resolve("copy.db");
				Samples.Start start = Samples.start();
				copyDurably(database, copy);
				copies.add(start);
				Files.delete(copy);

				// this build's backup and the earlier build's take turns at going first
				BackupInfo backup = null;
				for (int turn = 0; turn < 2; turn++) {
					boolean earlierTurn = (earlier != null) && ((turn + run) % 2 == 0);
					if (earlierTurn) {
						try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database)) {
							start = Samples.start();
							String id = earlier.backup(connection);
							earlierTimes.add(start);
							deleteBackup(backups, id);
						}
					}
					else if (backup == null) {
						try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database)) {
							start = Samples.start();
							backup = store.backup(connection, "1");
							backupTimes.add(start);
						}
					}
				}
				if (restore) {
					start = Samples.start();
					RestoreResult restored = migrator.restore(backup.id());
					restores.add(start);
					deleteBackup(backups, restored.safetyBackup().id());
				}
				deleteBackup(backups, backup.id());
				System.out.printf("B4 run %d: copy %s, backup %s, earlier build's backup %s, restore %s (elapsed/CPU ms)%n",
						run, copies.last(), backupTimes.last(), earlierTimes.last(), restores.last());
			}
			String caseName = ((megabytes == 1024) ? "1 GB" : megabytes + " MB")
					+ (Boolean.getBoolean(INDEXED) ? " indexed" : "") + " database";
			String content = Boolean.getBoolean(INDEXED) ? "rows of four columns under two indexes"
					: BLOB_BYTES + "-byte random blobs";
			String notes = String.format("SQLite file of %d MB (%s), page cache warm for all;"
					+ " %d runs, alternating copy, backup, restore", size >> 20, content, runs);
			notes += "; load average before " + loadBefore + ", after " + loadAverage();
			List<Result> results = new ArrayList<>();
			add(results, caseName, "file-copy", copies, notes + "; Files.copy then fsync");
			add(results, caseName, "migrator-backup", backupTimes,
					notes + "; online backup, quick_check and page count of the copy, SHA-256 sidecar");
			if (restore) {
				add(results, caseName, "migrator-restore", restores, notes
						+ "; Migrator.restore: backup's checksum and integrity check, safety backup of the current state,"
						+ " online restore, integrity check");
			}
			if (earlier != null) {
				add(results, caseName, "migrator-backup@before", earlierTimes,
						notes + "; the backup of the build in " + EarlierBackup.PROPERTY);
			}
			results.forEach(Result::write);
			return results;
		}
		finally {
			BenchmarkDatabase.deleteTree(work);
		}
	}

	/** Fills a fresh database with random blobs in one transaction: fast, and incompressible. */
	static void generate(Path database, long megabytes) throws SQLException {
		long blobs = megabytes * 1024 * 1024 / BLOB_BYTES;
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
				Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA journal_mode=OFF");
			statement.execute("PRAGMA synchronous=OFF");
			statement.execute("CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB NOT NULL)");
			statement.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + blobs
					+ ") INSERT INTO blobs (data) SELECT randomblob(" + BLOB_BYTES + ") FROM n");
			statement.execute("PRAGMA journal_mode=DELETE");
		}
	}

	/** Small rows under two indexes, in one transaction: the kind of database integrity_check is slow on. */
	static void generateIndexed(Path database, long megabytes) throws SQLException {
		long rows = megabytes * 9_000;
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
				Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA journal_mode=OFF");
			statement.execute("PRAGMA synchronous=OFF");
			statement.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer INTEGER, placed TEXT, note TEXT)");
			statement.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + rows
					+ ") INSERT INTO orders SELECT i, abs(random()) % 100000, datetime(abs(random()) % 2000000000,"
					+ " 'unixepoch'), hex(randomblob(20)) FROM n");
			statement.execute("CREATE INDEX orders_customer ON orders (customer)");
			statement.execute("CREATE INDEX orders_placed ON orders (placed, customer)");
			statement.execute("PRAGMA journal_mode=DELETE");
		}
	}

	private static void copyDurably(Path source, Path target) throws IOException {
		Files.copy(source, target);
		try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
			channel.force(true);
		}
	}

	private static void deleteBackup(Path backups, String id) throws IOException {
		try (var files = Files.list(backups)) {
			for (Path file : files.filter((f) -> f.getFileName().toString().startsWith(id)).toList()) {
				Files.delete(file);
			}
		}
	}

	private static void add(List<Result> results, String caseName, String tool, Samples samples, String notes) {
		results.add(new Result("B4", caseName, "sqlite", tool, "ms", samples.elapsed, notes));
		results.add(new Result("B4", caseName + ", CPU time", "sqlite", tool, "ms", samples.cpu,
				notes + "; CPU time of the whole process, every thread"));
	}

	private static String loadAverage() {
		try {
			return String.join(" ", Arrays.asList(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	/** Elapsed and process CPU time of each run of one case. */
	private static final class Samples {

		final List<Double> elapsed = new ArrayList<>();

		final List<Double> cpu = new ArrayList<>();

		record Start(long nanos, long cpuNanos) {
		}

		static Start start() {
			return new Start(System.nanoTime(), processCpuNanos());
		}

		void add(Start start) {
			this.elapsed.add(millisSince(start.nanos()));
			this.cpu.add((processCpuNanos() - start.cpuNanos()) / 1_000_000.0);
		}

		String last() {
			return this.elapsed.isEmpty() ? "-"
					: String.format("%.0f/%.0f", this.elapsed.get(this.elapsed.size() - 1), this.cpu.get(this.cpu.size() - 1));
		}

		private static long processCpuNanos() {
			return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
				.getProcessCpuTime();
		}

	}

	private static double millisSince(long start) {
		return (System.nanoTime() - start) / 1_000_000.0;
	}

}
