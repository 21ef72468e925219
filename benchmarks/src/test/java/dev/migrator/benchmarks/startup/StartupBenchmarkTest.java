package dev.migrator.benchmarks.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.benchmarks.startup.StartupDatabases.Database;

/**
 * Each variant really starts, on SQLite, with the class path it is meant to have, and its tool
 * really finds the 100 applied migrations (the harness checks both on every first run). Three child
 * JVMs: a few seconds on a quiet machine. They run on the JIT's first tier (as the module's test JVMs
 * do): this test measures nothing, and full optimisation in three short-lived JVMs only costs CPU.
 */
class StartupBenchmarkTest {

	@TempDir
	Path directory;

	@Test
	void everyVariantStartsAndItsToolSeesEveryMigrationApplied() throws Exception {
		StartupBenchmark benchmark = new StartupBenchmark(StartupClassPath.current(), this.directory,
				List.of("-XX:TieredStopAtLevel=1"));
		StartupMigrations migrations = new StartupMigrations(StartupBenchmark.MIGRATIONS);
		Map<StartupVariant, Database> databases = new StartupDatabases(migrations,
				this.directory.resolve("migrations-migrator"), this.directory.resolve("migrations-flyway"))
			.sqlite(this.directory);
		for (StartupVariant variant : StartupVariant.values()) {
			StartupChild child = benchmark.start("sqlite", variant, databases.get(variant), 0);
			assertThat(child.tools()).isEqualTo(variant.detected());
			assertThat(child.tables()).isEqualTo(StartupBenchmark.MIGRATIONS);
			assertThat(child.history()).isEqualTo((variant == StartupVariant.ALONE) ? -1 : StartupBenchmark.MIGRATIONS);
			assertThat(child.readyMillis()).isPositive();
		}
	}

}
