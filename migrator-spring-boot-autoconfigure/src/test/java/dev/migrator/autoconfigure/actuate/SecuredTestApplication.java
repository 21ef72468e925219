package dev.migrator.autoconfigure.actuate;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A web application with the starter and Spring Security as docs/SPRING-BOOT.md guards it: reading
 * the Actuator is open to anyone, writing needs role OPS; "ops" has it, "guest" has not.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class SecuredTestApplication {

	public static final String PASSWORD = "test-only-password";

	@Bean
	SecurityFilterChain actuatorFilterChain(HttpSecurity http) throws Exception {
		http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(EndpointRequest.toAnyEndpoint().withHttpMethod(HttpMethod.GET)).permitAll()
				.anyRequest().hasRole("OPS"))
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	@Bean
	UserDetailsService users() {
		return new InMemoryUserDetailsManager(
				User.withUsername("ops").password("{noop}" + PASSWORD).roles("OPS").build(),
				User.withUsername("guest").password("{noop}" + PASSWORD).roles("GUEST").build());
	}

}
