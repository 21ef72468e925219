package dev.migrator.core;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.migrator.core.testing.ChildJvm;

/**
 * When one {@link ConcurrencyRunner} held the migration lock, as its own log says: from the line
 * the engine logs on taking it to the one it logs just before letting it go. Read from the log, as
 * an operator would, so the trials also prove that the log shows one holder at a time.
 *
 * @param pid the runner's process id
 * @param begin when the runner called migrate
 * @param acquired when it had the lock
 * @param releasing when it was about to let the lock go
 * @param lockWait how long it waited for the lock itself, as the engine logged it (to a tenth of a
 * second from one second up)
 */
record LockSpan(long pid, Instant begin, Instant acquired, Instant releasing, Duration lockWait) {

	static final String ACQUIRED = "Acquired the migration lock on ";

	static final String RELEASING = "Releasing the migration lock on ";

	private static final Pattern WAITED = Pattern.compile("after waiting (?:(\\d+)ms|([\\d.]+)s|(\\d+)m (\\d+)s)$");

	/** The runner's span, or empty when its output lacks one of the three lines (a problem the caller reports). */
	static Optional<LockSpan> of(ChildJvm runner) {
		Instant begin = runner.stdoutLines()
			.stream()
			.filter((line) -> line.startsWith("BEGIN "))
			.map((line) -> Instant.parse(line.substring(6)))
			.findFirst()
			.orElse(null);
		String acquired = loggedLine(runner, ACQUIRED);
		String releasing = loggedLine(runner, RELEASING);
		if (begin == null || acquired == null || releasing == null) {
			return Optional.empty();
		}
		Matcher waited = WAITED.matcher(acquired);
		if (!waited.find()) {
			return Optional.empty();
		}
		return Optional.of(new LockSpan(runner.pid(), begin, time(acquired), time(releasing), duration(waited)));
	}

	/** When the runner logged a line containing {@code text}; null when it did not, or did twice (a run locks once). */
	static Instant logged(ChildJvm runner, String text) {
		String line = loggedLine(runner, text);
		return (line != null) ? time(line) : null;
	}

	/** When the runner first logged a line containing {@code text}; null when it did not. */
	static Instant firstLogged(ChildJvm runner, String text) {
		return runner.stderrLines()
			.stream()
			.filter((line) -> line.contains(text))
			.findFirst()
			.map(LockSpan::time)
			.orElse(null);
	}

	private static String loggedLine(ChildJvm runner, String text) {
		List<String> lines = runner.stderrLines().stream().filter((line) -> line.contains(text)).toList();
		return (lines.size() == 1) ? lines.get(0) : null;
	}

	/** slf4j-simple, as ConcurrencyRunner sets it up: "<time> [thread] LEVEL logger - message". */
	private static Instant time(String line) {
		return OffsetDateTime.parse(line.substring(0, line.indexOf(' '))).toInstant();
	}

	/** The engine's short form: 250ms, 4.2s, 3m 05s. */
	private static Duration duration(Matcher waited) {
		if (waited.group(1) != null) {
			return Duration.ofMillis(Long.parseLong(waited.group(1)));
		}
		if (waited.group(2) != null) {
			return Duration.ofMillis(Math.round(Double.parseDouble(waited.group(2)) * 1000));
		}
		return Duration.ofMinutes(Long.parseLong(waited.group(3))).plusSeconds(Long.parseLong(waited.group(4)));
	}

	/** From calling migrate to holding the lock: the lock wait, and before it connecting and reading the migrations. */
	Duration sinceMigrateCalled() {
		return Duration.between(this.begin, this.acquired);
	}

	/** Each runner that took the lock while an earlier one still held it, said in words. */
	static List<String> overlaps(List<LockSpan> spans) {
		List<LockSpan> sorted = spans.stream().sorted(Comparator.comparing(LockSpan::acquired)).toList();
		List<String> overlaps = new ArrayList<>();
		LockSpan lastOut = null;
		for (LockSpan span : sorted) {
			if (lastOut != null && span.acquired().isBefore(lastOut.releasing())) {
				overlaps.add("pid " + span.pid() + " took the lock at " + span.acquired() + ", before pid "
						+ lastOut.pid() + " released it at " + lastOut.releasing());
			}
			if (lastOut == null || span.releasing().isAfter(lastOut.releasing())) {
				lastOut = span;
			}
		}
		return overlaps;
	}

}
