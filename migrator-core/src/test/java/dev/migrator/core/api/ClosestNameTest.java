package dev.migrator.core.api;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClosestNameTest {

	private static final List<String> KEYS = List.of("steps", "target", "dryRun", "allowDataLoss", "allowEmptyDown");

	@Test
	void spellingsOfAKeyInOtherCasesAndSeparatorsComeBackAsTheKey() {
		for (String typed : List.of("dry_run", "dry-run", "DryRun", "dryrun", "DRY_RUN")) {
			assertThat(ClosestName.near(typed, KEYS)).as(typed).isEqualTo("dryRun");
		}
	}

	@Test
	void aTypoIsNearItsKeyButAnUnrelatedWordIsNearNothing() {
		assertThat(ClosestName.near("tagret", KEYS)).isEqualTo("target");
		assertThat(ClosestName.near("allowDataLos", KEYS)).isEqualTo("allowDataLoss");
		assertThat(ClosestName.near("password", KEYS)).isNull();
		assertThat(ClosestName.nearest("password", KEYS)).isNotNull();
	}

	@Test
	void nothingKnownHasNothingNear() {
		assertThat(ClosestName.nearest("steps", List.of())).isNull();
		assertThat(ClosestName.near("steps", List.of())).isNull();
	}

}
