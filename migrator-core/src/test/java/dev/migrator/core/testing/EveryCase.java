package dev.migrator.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The switch between a scenario matrix's sample and all of it. The default run ({@code mvn verify})
 * takes, from each long matrix (every session setting times every outcome, every lock kind, every
 * engine's copy of an engine-independent check), a sample that still reaches each code path the
 * matrix is there for; {@code -Dmigrator.test.every-case=true} (the {@code reliability} profile)
 * runs every combination. Each use says in its test what its sample keeps.
 */
public final class EveryCase {

	/** The system property that turns the whole matrices on. */
	public static final String PROPERTY = "migrator.test.every-case";

	private EveryCase() {
	}

	/** Whether every combination runs (the {@code reliability} profile). */
	public static boolean enabled() {
		return Boolean.getBoolean(PROPERTY);
	}

	/**
	 * Skips the calling test outside the whole matrices, with a message naming how to run it; for a
	 * case the default sample leaves to the {@code reliability} profile.
	 */
	public static void onlyInWholeMatrix(String why) {
		assumeTrue(enabled(), () -> why + "; it runs with -D" + PROPERTY + "=true (mvn verify -Preliability)");
	}

}
