package dev.migrator.benchmarks.inprocess;

import java.io.IOException;
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

	private BackupBenchmark() {
	}

	static List<Result> run(boolean quick) throws IOException, SQLException {
		long megabytes = quick ? 16 : 1024;
		int runs = quick ? 1 : 3;
		Path work = Workspace.forFork("b4");
		BenchmarkDatabase.deleteTree(work);
		Files.createDirectories(work);
		try {
			Path database = work.resolve("large.db");
			long generation = System.nanoTime();
			generate(database, megabytes);
			long size = Files.size(database);
			System.out.printf("B4: generated %s, %d MB, in %.0f ms%n", database, size >> 20, millisSince(generation));
			Path backups = work.resolve("backups");
			Migrator migrator = Migrator.configure()
				.url("jdbc:sqlite:" + database)
				.backupDirectory(backups)
				.load();
			SqliteBackupStore store = new SqliteBackupStore(BackupSettings.in(backups), Clock.systemUTC());
			EarlierBackup earlier = EarlierBackup.fromProperty(backups);
			List<Double> copies = new ArrayList<>();
			List<Double> backupTimes = new ArrayList<>();
			List<Double> earlierTimes = new ArrayList<>();
			List<Double> restores = new ArrayList<>();
			for (int run = 1; run <= runs; run++) {
				Path copy = work.resolve("copy.db");
				long start = System.nanoTime();
				copyDurably(database, copy);
				copies.add(millisSince(start));
				Files.delete(copy);

				if (earlier != null) {
					try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database)) {
						start = System.nanoTime();
						String id = earlier.backup(connection);
						earlierTimes.add(millisSince(start));
						deleteBackup(backups, id);
					}
					System.out.printf("B4 run %d: backup of the earlier build %.0f ms%n", run, earlierTimes.get(run - 1));
				}

				BackupInfo backup;
				try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database)) {
					start = System.nanoTime();
					backup = store.backup(connection, "1");
					backupTimes.add(millisSince(start));
				}

				start = System.nanoTime();
				RestoreResult restored = migrator.restore(backup.id());
				restores.add(millisSince(start));
				System.out.printf("B4 run %d: copy %.0f ms, backup %.0f ms, restore %.0f ms%n", run, copies.get(run - 1),
						backupTimes.get(run - 1), restores.get(run - 1));
				deleteBackup(backups, backup.id());
				deleteBackup(backups, restored.safetyBackup().id());
			}
			String caseName = (quick ? megabytes + " MB" : "1 GB") + " database";
			String notes = String.format("SQLite file of %d MB (%d-byte random blobs), page cache warm for all three;"
					+ " %d runs, alternating copy, backup, restore", size >> 20, BLOB_BYTES, runs);
			notes += "; load average " + loadAverage();
			List<Result> results = new ArrayList<>(List.of(
					new Result("B4", caseName, "sqlite", "file-copy", "ms", copies, notes + "; Files.copy then fsync"),
					new Result("B4", caseName, "sqlite", "migrator-backup", "ms", backupTimes,
							notes + "; online backup, quick_check and page count of the copy, SHA-256 sidecar"),
					new Result("B4", caseName, "sqlite", "migrator-restore", "ms", restores, notes
							+ "; Migrator.restore: backup's checksum and integrity check, safety backup of the current state,"
							+ " online restore, integrity check")));
			if (earlier != null) {
				results.add(new Result("B4", caseName, "sqlite", "migrator-backup@before", "ms", earlierTimes,
						notes + "; the backup of the build in " + EarlierBackup.PROPERTY));
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

	private static String loadAverage() {
		try {
			return String.join(" ", Arrays.asList(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	private static double millisSince(long start) {
		return (System.nanoTime() - start) / 1_000_000.0;
	}

}
