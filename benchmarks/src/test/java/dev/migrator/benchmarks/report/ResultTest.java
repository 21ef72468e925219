package dev.migrator.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultTest {

	@Test
	void medianMinMaxOfOddAndEvenSampleCounts() {
		Result odd = new Result("B1", "apply", "sqlite", "migrator", "ms", List.of(5.0, 1.0, 3.0), "");
		Result even = new Result("B1", "apply", "sqlite", "migrator", "ms", List.of(4.0, 1.0, 3.0, 10.0), "");
		assertThat(odd.median()).isEqualTo(3.0);
		assertThat(even.median()).isEqualTo(3.5);
		assertThat(even.min()).isEqualTo(1.0);
		assertThat(even.max()).isEqualTo(10.0);
	}

	@Test
	void writtenResultsReadBackEqual(@TempDir Path dir) throws Exception {
		Result result = new Result("B2", "nothing pending, 1000 applied", "postgresql", "flyway", "ms", List.of(12.5, 11.0), "JMH avgt");
		Path file = result.write(dir);
		assertThat(file.getFileName().toString()).isEqualTo("b2-postgresql-nothing-pending-1000-applied-flyway.json");
		assertThat(Result.readAll(file.getParent())).contains(result);
	}

	@Test
	void aResultWithoutSamplesIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Result("B1", "apply", "sqlite", "migrator", "ms", List.of(), ""))
			.withMessageContaining("B1 apply migrator");
	}

}
