package dev.migrator.sample;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Guards the Actuator, because the sample opens the migrations endpoint's writes: reading stays
 * open to anyone (the README's {@code curl} commands work unchanged), a write needs HTTP Basic and
 * role {@code ADMIN}. The dashboard's own pages are outside this chain and stay as they were.
 *
 * <p>The two users and their passwords come from {@code dashboard.security.*}, whose defaults are
 * for this sample only; a real deployment sets them from the environment
 * ({@code DASHBOARD_ADMIN_PASSWORD}, {@code DASHBOARD_VIEWER_PASSWORD}) or uses its own users.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurity {

	@Bean
	SecurityFilterChain actuatorFilterChain(HttpSecurity http) throws Exception {
		http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(EndpointRequest.toAnyEndpoint().withHttpMethod(HttpMethod.GET)).permitAll()
				.anyRequest().hasRole("ADMIN"))
			.httpBasic(Customizer.withDefaults())
			// Machine clients (curl, CI) send no CSRF token; this chain covers only the Actuator.
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	@Bean
	UserDetailsService actuatorUsers(@Value("${dashboard.security.admin-password}") String adminPassword,
			@Value("${dashboard.security.viewer-password}") String viewerPassword) {
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		return new InMemoryUserDetailsManager(
				User.withUsername("admin").password(encoder.encode(adminPassword)).roles("ADMIN", "VIEWER").build(),
				User.withUsername("viewer").password(encoder.encode(viewerPassword)).roles("VIEWER").build());
	}

}
