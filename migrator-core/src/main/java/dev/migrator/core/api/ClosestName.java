package dev.migrator.core.api;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/**
 * The known name nearest to a mistyped one, for the "did you mean" of every surface (a request key of
 * the Actuator, a key of a settings file). Case, {@code -} and {@code _} are ignored, so
 * {@code dry_run}, {@code dry-run} and {@code DryRun} all come out as {@code dryRun}.
 */
public final class ClosestName {

	private ClosestName() {
	}

	/** The nearest of {@code known} by edit distance, however far; null when {@code known} is empty. */
	public static String nearest(String name, Collection<String> known) {
		String wanted = normalized(name);
		return known.stream()
			.min(Comparator.comparingInt((String candidate) -> distance(wanted, normalized(candidate))))
			.orElse(null);
	}

	/** The nearest of {@code known} when it is close enough to be what was meant; null otherwise. */
	public static String near(String name, Collection<String> known) {
		String nearest = nearest(name, known);
		if (nearest == null) {
			return null;
		}
		return (distance(normalized(name), normalized(nearest)) <= Math.max(2, nearest.length() / 3)) ? nearest : null;
	}

	private static String normalized(String name) {
		return name.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
	}

	/** Levenshtein distance, two rows at a time. */
	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
