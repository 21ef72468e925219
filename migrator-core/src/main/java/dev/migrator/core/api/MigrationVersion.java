package dev.migrator.core.api;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A migration version: digits with optional dots, compared segment by segment as numbers, so
 * {@code 1.10 > 1.9} and {@code 001 == 1}. Trailing zero segments do not count ({@code 1.0 == 1}).
 * {@link #EMPTY} ("0") stands for "before the first migration".
 */
public final class MigrationVersion implements Comparable<MigrationVersion> {

	/** The version of an empty database, before the first migration. */
	public static final MigrationVersion EMPTY = new MigrationVersion("0", List.of());

	/** Compiled once: every start parses the version of every file and every history row. */
	private static final Pattern FORMAT = Pattern.compile("\\d+(\\.\\d+)*");

	private final String text;

	private final List<BigInteger> segments;

	/**
	 * The segments as longs when every one fits, else null: versions are compared thousands of times
	 * at every start (sorting files and history rows), and comparing longs is what makes that cheap.
	 */
	private final long[] small;

	private MigrationVersion(String text, List<BigInteger> segments) {
		this.text = text;
		this.segments = segments;
		long[] small = new long[segments.size()];
		for (int i = 0; i < small.length; i++) {
			if (segments.get(i).bitLength() > 62) {
				small = null;
				break;
			}
			small[i] = segments.get(i).longValue();
		}
		this.small = small;
	}

	/**
	 * Parses a version such as {@code 001} or {@code 1.1.0}.
	 * @throws IllegalArgumentException if the text is not digits separated by single dots
	 */
	public static MigrationVersion parse(String text) {
		if (text == null || !FORMAT.matcher(text).matches()) {
			throw new IllegalArgumentException("'" + text + "' is not a version: use digits with optional dots, e.g. 001 or 1.2.0");
		}
		List<BigInteger> parts = new ArrayList<>();
		for (String part : text.split("\\.")) {
			parts.add(new BigInteger(part));
		}
		int last = parts.size();
		while (last > 0 && parts.get(last - 1).signum() == 0) {
			last--;
		}
		return new MigrationVersion(text, List.copyOf(parts.subList(0, last)));
	}

	/** Whether this is {@link #EMPTY}, the version of a database with nothing applied. */
	public boolean isEmpty() {
		return this.segments.isEmpty();
	}

	@Override
	public int compareTo(MigrationVersion other) {
		if (this.small != null && other.small != null) {
			return Arrays.compare(this.small, other.small);
		}
		int common = Math.min(this.segments.size(), other.segments.size());
		for (int i = 0; i < common; i++) {
			int c = this.segments.get(i).compareTo(other.segments.get(i));
			if (c != 0) {
				return c;
			}
		}
		return Integer.compare(this.segments.size(), other.segments.size());
	}

	@Override
	public boolean equals(Object obj) {
		return obj instanceof MigrationVersion other && this.segments.equals(other.segments);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.segments);
	}

	/** The version as written, e.g. {@code 001}. */
	@Override
	public String toString() {
		return this.text;
	}

}
