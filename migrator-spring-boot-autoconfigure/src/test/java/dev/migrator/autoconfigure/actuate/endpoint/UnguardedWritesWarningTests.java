package dev.migrator.autoconfigure.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.autoconfigure.MigratorAutoConfiguration;
import dev.migrator.autoconfigure.SqliteFile;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/** The one WARN when the endpoint's writes are opened and nothing secures them. */
@ExtendWith(OutputCaptureExtension.class)
class UnguardedWritesWarningTests {

	private static final String WARNING = "The migrations endpoint's writes (migrate, rollback, repair, restore) are open";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, EndpointAutoConfiguration.class,
				MigratorAutoConfiguration.class, MigrationsEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=migrations");

	@TempDir
	Path dir;

	@Test
	void warnsOnceWhenWritesAreOpenWithoutSpringSecurity(CapturedOutput output) {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.withPropertyValues(SqliteFile.in(this.dir).dataSourceUrl(), "management.endpoint.migrations.access=UNRESTRICTED")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains(WARNING, "no Spring Security SecurityFilterChain is defined",
						"management.endpoint.migrations.access=read-only");
				assertThat(output.toString().split(java.util.regex.Pattern.quote(WARNING), -1)).hasSize(2);
			});
	}

	@Test
	void warnsWhenSpringSecurityIsThereButNoFilterChainIs(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues(SqliteFile.in(this.dir).dataSourceUrl(), "management.endpoint.migrations.access=UNRESTRICTED")
			.run((context) -> assertThat(output).contains(WARNING));
	}

	@Test
	void saysNothingWhenAFilterChainIsDefined(CapturedOutput output) {
		this.contextRunner.withBean(SecurityFilterChain.class, () -> new DefaultSecurityFilterChain(AnyRequestMatcher.INSTANCE))
			.withPropertyValues(SqliteFile.in(this.dir).dataSourceUrl(), "management.endpoint.migrations.access=UNRESTRICTED")
			.run((context) -> assertThat(output).doesNotContain(WARNING));
	}

	@Test
	void saysNothingWhileWritesAreReadOnly(CapturedOutput output) {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.withPropertyValues(SqliteFile.in(this.dir).dataSourceUrl())
			.run((context) -> assertThat(output).doesNotContain(WARNING));
	}

	@Test
	void opensByTheDefaultAccessTooAndWarns(CapturedOutput output) {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.withPropertyValues(SqliteFile.in(this.dir).dataSourceUrl(), "management.endpoints.access.default=UNRESTRICTED")
			.run((context) -> assertThat(output).contains(WARNING));
	}

}
