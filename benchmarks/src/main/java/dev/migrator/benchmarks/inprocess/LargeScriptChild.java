package dev.migrator.benchmarks.inprocess;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import dev.migrator.core.Migrator;

/**
 * B5's child JVM: migrates the large script and prints its peak heap and the migrate's time.
 * Arguments: the database file, the migrations folder, the number of rows the script inserts.
 */
public final class LargeScriptChild {

	static final String PEAK_HEAP = "PEAK_HEAP_MB";

	static final String MIGRATE_MILLIS = "MIGRATE_MS";

	private LargeScriptChild() {
	}

	public static void main(String[] args) throws Exception {
		String url = "jdbc:sqlite:" + args[0];
		long rows = Long.parseLong(args[2]);
		long start = System.nanoTime();
		Migrator.configure().url(url).locations("filesystem:" + args[1]).load().migrate();
		long millis = (System.nanoTime() - start) / 1_000_000;
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM data_rows")) {
			rs.next();
			if (rs.getLong(1) != rows) {
				throw new IllegalStateException("the script should have inserted " + rows + " rows, found " + rs.getLong(1));
			}
		}
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		System.out.println(PEAK_HEAP + "=" + (peak / (1024.0 * 1024.0)));
		System.out.println(MIGRATE_MILLIS + "=" + millis);
	}

}
