package dev.migrator.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;

/**
 * Spring's own AOT processing of a context with the auto-configuration (the processor is found
 * through {@code aot.factories}, as in {@code process-aot}): the generated index and the hints.
 */
class MigrationIndexAotProcessorTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class));

	@TempDir
	Path dir;

	@Test
	void aotProcessingWritesTheIndexOfTheConfiguredLocationAndKeepsItsFiles() {
		this.contextRunner.withPropertyValues(SqliteFile.in(this.dir).dataSourceUrl()).prepare((context) -> {
			Generated generated = process(context.getSourceApplicationContext(GenericApplicationContext.class));
			assertThat(generated.index()).startsWith("migrator-index 2\n")
				.contains("location\tclasspath:db/migration\n", "file\tdb/migration/001_create_tasks.sql\t",
						"file\tdb/migration/002_add_task_done.sql\t");
			assertThat(RuntimeHintsPredicates.resource().forResource(MigrationIndexAotProcessor.INDEX))
				.accepts(generated.hints());
			assertThat(RuntimeHintsPredicates.resource().forResource("db/migration/001_create_tasks.sql"))
				.accepts(generated.hints());
		});
	}

	@Test
	void keepsTheFilesOfAnotherLocationAndItsVendorFolders() {
		this.contextRunner
			.withPropertyValues(SqliteFile.in(this.dir).dataSourceUrl(),
					"migrator.locations=classpath:db/failing,db/{vendor},filesystem:/opt/migrations")
			.prepare((context) -> {
				Generated generated = process(context.getSourceApplicationContext(GenericApplicationContext.class));
				RuntimeHints hints = generated.hints();
				assertThat(RuntimeHintsPredicates.resource().forResource("db/failing/001_create_tasks.sql")).accepts(hints);
				assertThat(RuntimeHintsPredicates.resource().forResource("db/postgresql/001_create_tasks.sql")).accepts(hints);
				assertThat(RuntimeHintsPredicates.resource().forResource("other/001_create_tasks.sql")).rejects(hints);
				// a location naming the vendor cannot be indexed before a database is known
				assertThat(generated.index()).isNull();
			});
	}

	@Test
	void keepsTheJavaMigrationsConstructorsAndMethods() {
		this.contextRunner.withPropertyValues(SqliteFile.in(this.dir).dataSourceUrl())
			.withUserConfiguration(JavaMigrationConfiguration.class)
			.prepare((context) -> {
				RuntimeHints hints = process(context.getSourceApplicationContext(GenericApplicationContext.class)).hints();
				assertThat(RuntimeHintsPredicates.reflection()
					.onType(SeedTasks.class)
					.withMemberCategories(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS, MemberCategory.INVOKE_PUBLIC_METHODS))
					.accepts(hints);
				assertThat(RuntimeHintsPredicates.reflection().onType(MigrationIndexAotProcessorTests.class)).rejects(hints);
			});
	}

	@Test
	void contributesNothingWhereTheAutoConfigurationBacksOff() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MigratorAutoConfiguration.class))
			.prepare((context) -> {
				Generated generated = process(context.getSourceApplicationContext(GenericApplicationContext.class));
				assertThat(generated.index()).isNull();
				assertThat(RuntimeHintsPredicates.resource().forResource(MigrationIndexAotProcessor.INDEX))
					.rejects(generated.hints());
			});
	}

	private static Generated process(GenericApplicationContext context) {
		InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
		DefaultGenerationContext generationContext = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get("dev.migrator.aot", "TestApplication")), files);
		new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
		generationContext.writeGeneratedContent();
		try {
			return new Generated(files.getGeneratedFileContent(Kind.RESOURCE, MigrationIndexAotProcessor.INDEX),
					generationContext.getRuntimeHints());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Generated(String index, RuntimeHints hints) {
	}

	@Configuration(proxyBeanMethods = false)
	static class JavaMigrationConfiguration {

		@Bean
		SeedTasks seedTasks() {
			return new SeedTasks();
		}

	}

	static class SeedTasks implements JavaMigration {

		@Override
		public String version() {
			return "3";
		}

		@Override
		public String description() {
			return "seed tasks";
		}

		@Override
		public void up(MigrationContext context) {
		}

	}

}
