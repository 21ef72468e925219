package dev.migrator.autoconfigure.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.migrator.autoconfigure.actuate.endpoint.MigrationsEndpoint.ErrorDescriptor;
import dev.migrator.autoconfigure.actuate.endpoint.MigrationsEndpoint.DataLossDescriptor;

/** What a caller without the right to see details gets instead. */
class RedactionTests {

	@Test
	void anAbsolutePathBecomesItsFileNameAndAClasspathNameStays() {
		assertThat(Redaction.fileName("/home/ann/app/db/001_x.sql")).isEqualTo("001_x.sql");
		assertThat(Redaction.fileName("C:\\Users\\ann\\db\\001_x.sql")).isEqualTo("001_x.sql");
		assertThat(Redaction.fileName("db/migration/001_x.sql")).isEqualTo("db/migration/001_x.sql");
		assertThat(Redaction.fileName("dev.migrator.sample.AddProjectSlugs")).isEqualTo("dev.migrator.sample.AddProjectSlugs");
	}

	@Test
	void anEnginesErrorLosesItsTextButKeepsTheDataLossWithoutDirectories() {
		ErrorDescriptor error = new ErrorDescriptor("UNIQUE failed: ann@example.com in /home/ann/db/2.sql",
				List.of("/home/ann/db/2.sql changed"),
				List.of(new DataLossDescriptor("2", List.of("may lose data: /home/ann/db/2.down.sql:3 TRUNCATE t CASCADE (x)",
						"drops table a/b (1 row)"), 1)));

		ErrorDescriptor hidden = (ErrorDescriptor) Redaction.of(error);

		assertThat(hidden.error()).doesNotContain("ann").contains("show-values");
		assertThat(hidden.problems()).singleElement().asString().startsWith("1 problem,").doesNotContain("ann");
		assertThat(hidden.dataLoss().get(0).effects()).containsExactly(
				"may lose data: 2.down.sql:3 TRUNCATE t CASCADE (x)", "drops table a/b (1 row)");
	}

}
