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
 * {@link #EMPTY} ("0") stands for "before the first migration". A repeatable migration (Flyway's
 * {@code R__views.sql}) has no version: it stands as {@link #repeatable(String) R__<description>}, after
 * every version, repeatables in description order, and is never a current version or a rollback target.
 */
public final class MigrationVersion implements Comparable<MigrationVersion> {

	/** The version of an empty database, before the first migration. */
	public static final MigrationVersion EMPTY = new MigrationVersion("0", List.of());

	/** Compiled once: every start parses the version of every file and every history row. */
	private static final Pattern FORMAT = Pattern.compile("\\d+(\\.\\d+)*");

	/** A repeatable's key, longest: {@code R__} and it fit the history's 50-character version column. */
	private static final int REPEATABLE_KEY_MAX = 47;

	private final String text;

	private final List<BigInteger> segments;

	/** The repeatable's key (its description, spaces as underscores), or null for a version. */
	private final String repeatable;

	/**
	 * The segments as longs when every one fits, else null: versions are compared thousands of times
	 * at every start (sorting files and history rows), and comparing longs is what makes that cheap.
	 */
	private final long[] small;

	private MigrationVersion(String text, List<BigInteger> segments) {
		this(text, segments, null);
	}

	private MigrationVersion(String text, List<BigInteger> segments, String repeatable) {
		this.text = text;
		this.segments = segments;
		this.repeatable = repeatable;
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

	/**
	 * The stand-in version of a repeatable migration, {@code R__<description>} with spaces as underscores
	 * ({@code R__create_views}); a description too long for the history's version column is cut and given a
	 * hash of the whole, so two long descriptions stay apart.
	 */
	public static MigrationVersion repeatable(String description) {
		String key = description.strip().replace(' ', '_');
		if (key.length() > REPEATABLE_KEY_MAX) {
			try {
				byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
					.digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
				key = key.substring(0, REPEATABLE_KEY_MAX - 13) + "~"
						+ java.util.HexFormat.of().formatHex(hash).substring(0, 12);
			}
			catch (java.security.NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return new MigrationVersion("R__" + key, List.of(), key);
	}

	/**
	 * A version as the history and its log record it: a version ({@link #parse}), or a repeatable's
	 * {@code R__<description>}.
	 * @throws IllegalArgumentException if the text is neither
	 */
	public static MigrationVersion parseRecorded(String text) {
		if (text != null && text.startsWith("R__") && text.length() > 3) {
			return repeatable(text.substring(3));
		}
		return parse(text);
	}

	/** Whether this stands for a repeatable migration, which has no version. */
	public boolean isRepeatable() {
		return this.repeatable != null;
	}

	/** Whether this is {@link #EMPTY}, the version of a database with nothing applied. */
	public boolean isEmpty() {
		return this.repeatable == null && this.segments.isEmpty();
	}

	@Override
	public int compareTo(MigrationVersion other) {
		if (this.repeatable != null || other.repeatable != null) {
			if (this.repeatable == null || other.repeatable == null) {
				return (this.repeatable == null) ? -1 : 1;
			}
			return this.repeatable.compareTo(other.repeatable);
		}
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
		return obj instanceof MigrationVersion other && this.segments.equals(other.segments)
				&& Objects.equals(this.repeatable, other.repeatable);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.segments, this.repeatable);
	}

	/** The version as written, e.g. {@code 001}. */
	@Override
	public String toString() {
		return this.text;
	}

}
