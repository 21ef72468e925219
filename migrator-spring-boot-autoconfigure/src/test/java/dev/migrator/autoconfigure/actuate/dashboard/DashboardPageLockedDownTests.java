package dev.migrator.autoconfigure.actuate.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.autoconfigure.SqliteFile;
import dev.migrator.autoconfigure.actuate.ActuatorHttp;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An application whose rule covers only the migrations endpoint (every request needs OPS) and whose
 * writes stay closed (the default): the page is behind the same rule, and offers no actions.
 */
@SpringBootTest(classes = DashboardPageLockedDownTests.LockedDown.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=health,migrations")
class DashboardPageLockedDownTests {

	@TempDir
	static Path dir;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> SqliteFile.in(dir).url());
		registry.add("migrator.locations", () -> "filesystem:" + dir);
	}

	@Test
	void anAnonymousCallerGetsNeitherThePageNorItsScript() {
		assertThat(new ActuatorHttp(this.port).get("/actuator/migrations/dashboard").status()).isEqualTo(401);
		assertThat(new ActuatorHttp(this.port).get("/actuator/migrations/dashboard/dashboard.js").status())
			.isEqualTo(401);
	}

	@Test
	void anAuthorizedCallerGetsThePageWithWritesClosed() {
		ActuatorHttp.Response page = new ActuatorHttp(this.port).as("ops", "pw").get("/actuator/migrations/dashboard");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("data-writes=\"false\"");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class LockedDown {

		@Bean
		SecurityFilterChain migrationsOnly(HttpSecurity http) throws Exception {
			http.securityMatcher(EndpointRequest.to("migrations"))
				.authorizeHttpRequests((requests) -> requests.anyRequest().hasRole("OPS"))
				.httpBasic(Customizer.withDefaults());
			return http.build();
		}

		@Bean
		UserDetailsService users() {
			return new InMemoryUserDetailsManager(User.withUsername("ops").password("{noop}pw").roles("OPS").build());
		}

	}

}
