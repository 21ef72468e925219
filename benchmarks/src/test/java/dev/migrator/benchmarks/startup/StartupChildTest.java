package dev.migrator.benchmarks.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupChildTest {

	@TempDir
	Path directory;

	@Test
	void readsWhatTheChildReports() throws Exception {
		StartupChild child = StartupChild.run(shell("echo 'starting'; echo 'startup-ready ms=1234 cpu-ms=2345 tools=flyway rss-kb=204800';"
				+ " echo 'startup-check tables=100 history=99'"), this.directory.resolve("ok.log"));
		assertThat(child.readyMillis()).isEqualTo(1234);
		assertThat(child.cpuMillis()).isEqualTo(2345);
		assertThat(child.tools()).isEqualTo("flyway");
		assertThat(child.tables()).isEqualTo(100);
		assertThat(child.history()).isEqualTo(99);
		assertThat(child.peakRssKb()).isEqualTo(204800);
		assertThat(child.processMillis()).isPositive();
	}

	@Test
	void aChildThatFailsIsAnErrorShowingItsOutput() {
		Path log = this.directory.resolve("failed.log");
		assertThatIllegalStateException()
			.isThrownBy(() -> StartupChild.run(shell("echo 'Migrations failed at start-up'; exit 1"), log))
			.withMessageContaining("exited with code 1")
			.withMessageContaining(log.toString())
			.withMessageContaining("Migrations failed at start-up");
	}

	@Test
	void aChildThatNeverSaysItWasReadyIsAnError() {
		assertThatIllegalStateException()
			.isThrownBy(() -> StartupChild.run(shell("echo 'started, printed nothing'"), this.directory.resolve("quiet.log")))
			.withMessageContaining("without saying it was ready");
	}

	private static List<String> shell(String script) {
		return List.of("/bin/sh", "-c", script);
	}

}
