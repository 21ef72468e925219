package dev.migrator.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

class MigratorRuntimeHintsTests {

	@Test
	void keepsTheScriptsOfTheDefaultLocationAndItsVendorFolders() {
		RuntimeHints hints = new RuntimeHints();
		new MigratorRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.resource().forResource("db/migration/001_create_tasks.sql")).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("db/migration/postgresql/002_index.sql")).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("db/other/001_create_tasks.sql")).rejects(hints);
	}

}
