package dev.migrator.core.internal.dialect;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#parse} for the text {@link Instant#toString} writes ({@code 2026-12-03T15:50:06.123456Z}),
 * read directly: a history of 10,000 rows holds 10,000 of them, and the formatter's general parse was a
 * tenth of a cold {@code status}. Any other form goes to {@link Instant#parse}, which reads or refuses it.
 */
final class InstantText {

	private static final int NO_FRACTION = "2026-12-03T15:50:06Z".length();

	private InstantText() {
	}

	static Instant parse(String text) {
		int length = text.length();
		if (length < NO_FRACTION || length > NO_FRACTION + 10 || text.charAt(4) != '-' || text.charAt(7) != '-'
				|| text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
				|| text.charAt(length - 1) != 'Z' || (length > NO_FRACTION && text.charAt(19) != '.')
				|| length == NO_FRACTION + 1) {
			return Instant.parse(text);
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 7);
		int day = digits(text, 8, 10);
		int hour = digits(text, 11, 13);
		int minute = digits(text, 14, 16);
		int second = digits(text, 17, 19);
		int nanos = 0;
		if (length > NO_FRACTION) {
			int fraction = digits(text, 20, length - 1);
			int scale = 9 - (length - 1 - 20);
			nanos = (fraction < 0) ? -1 : fraction * (int) Math.pow(10, scale);
		}
		if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
				|| second > 59 || nanos < 0) {
			return Instant.parse(text);
		}
		try {
			long days = LocalDate.of(year, month, day).toEpochDay();
			return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
		}
		catch (DateTimeException ex) {
			return Instant.parse(text); // February 30th and the like: refused in its words
		}
	}

	/** The decimal value of {@code text[from, to)}, or -1 when a character is not an ASCII digit. */
	private static int digits(String text, int from, int to) {
		int value = 0;
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

}
