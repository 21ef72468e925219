package dev.migrator.benchmarks.inprocess;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

import dev.migrator.core.Migrator;

/**
 * B5's child JVM: migrates the large script and prints its peak heap and the migrate's time.
 * Arguments: the database file, the migrations folder, the number of rows the script inserts.
 * <p>
 * Two peaks: the heap still in use after each collection (what the run keeps alive, the figure
 * that must not grow with the script), and the heap pools' peak usage (an upper bound that also
 * counts garbage not yet collected).
 */
public final class LargeScriptChild {

	static final String LIVE_PEAK = "LIVE_HEAP_PEAK_MB";

	static final String USED_PEAK = "USED_HEAP_PEAK_MB";

	static final String MIGRATE_MILLIS = "MIGRATE_MS";

	private LargeScriptChild() {
	}

	public static void main(String[] args) throws Exception {
		AtomicLong livePeak = watchHeapAfterCollections();
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
		long usedPeak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				usedPeak += pool.getPeakUsage().getUsed();
			}
		}
		System.out.println(LIVE_PEAK + "=" + livePeak.get() / (1024.0 * 1024.0));
		System.out.println(USED_PEAK + "=" + usedPeak / (1024.0 * 1024.0));
		System.out.println(MIGRATE_MILLIS + "=" + millis);
	}

	/** The largest heap in use right after a collection, over the whole run. */
	private static AtomicLong watchHeapAfterCollections() {
		Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.map(MemoryPoolMXBean::getName)
			.collect(Collectors.toSet());
		AtomicLong peak = new AtomicLong();
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
				if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
					return;
				}
				GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
					.from((CompositeData) notification.getUserData());
				long live = 0;
				for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
					if (heapPools.contains(pool.getKey())) {
						live += pool.getValue().getUsed();
					}
				}
				peak.accumulateAndGet(live, Math::max);
			}, null, null);
		}
		return peak;
	}

}
