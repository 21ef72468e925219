package dev.migrator.cli.output;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How times, durations and sizes read in text output (JSON keeps raw numbers and ISO-8601). */
public final class Formats {

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
		.withZone(ZoneId.systemDefault());

	private Formats() {
	}

	/** A moment in the machine's time zone, to the second; "-" for none. */
	public static String dateTime(Instant instant) {
		return (instant != null) ? DATE_TIME.format(instant) : "-";
	}

	public static String duration(Duration duration) {
		return (duration != null) ? millis(duration.toMillis()) : "-";
	}

	/** "12 ms", "3.4 s", "2 min 5 s"; "-" for none. */
	public static String millis(Long millis) {
		if (millis == null) {
			return "-";
		}
		if (millis < 1000) {
			return millis + " ms";
		}
		if (millis < 60_000) {
			return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
		}
		long seconds = Math.round(millis / 1000.0);
		return (seconds / 60) + " min " + (seconds % 60) + " s";
	}

	/** "512 B", "8.0 KiB", "3.2 MiB". */
	public static String size(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		String[] units = { "KiB", "MiB", "GiB", "TiB" };
		double value = bytes;
		int unit = -1;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
	}

	/** A script path as short as it can be read: relative when it is under the working directory. */
	public static String script(String script) {
		if (script == null) {
			return "-";
		}
		try {
			Path path = Path.of(script);
			Path workingDirectory = Path.of("").toAbsolutePath();
			return (path.isAbsolute() && path.startsWith(workingDirectory)) ? workingDirectory.relativize(path).toString()
					: script;
		}
		catch (InvalidPathException ex) {
			return script;
		}
	}

	/** "1,234" */
	public static String count(long count) {
		return String.format(Locale.ROOT, "%,d", count);
	}

}
