package dev.migrator.cli;

/**
 * The engine's own log (SLF4J, through slf4j-simple) on stderr: silent by default, since the
 * command prints what happened itself; {@code -v} shows it, {@code -vv} down to each statement.
 * Set before the first logger exists, which is when slf4j-simple reads it.
 */
final class EngineLog {

	private static final String PREFIX = "org.slf4j.simpleLogger.";

	private EngineLog() {
	}

	static void configure(int verbosity) {
		String level = switch (verbosity) {
			case 0 -> "off";
			case 1 -> "info";
			default -> "debug";
		};
		System.setProperty(PREFIX + "defaultLogLevel", level);
		System.setProperty(PREFIX + "logFile", "System.err");
		// a silent log needs no clock: its date format (the calendar and locale data behind it) costs a
		// CLI process tens of milliseconds to set up
		if (verbosity > 0) {
			System.setProperty(PREFIX + "showDateTime", "true");
			System.setProperty(PREFIX + "dateTimeFormat", "HH:mm:ss.SSS");
		}
		System.setProperty(PREFIX + "showThreadName", "false");
		System.setProperty(PREFIX + "showShortLogName", "true");
		System.setProperty(PREFIX + "levelInBrackets", "true");
	}

}
