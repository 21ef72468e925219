package dev.migrator.autoconfigure.actuate.endpoint;

import java.util.HashSet;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the {@code migrations} endpoint shows to whom, as Spring Boot's {@code env} and
 * {@code configprops} endpoints do.
 */
@ConfigurationProperties("management.endpoint.migrations")
public class MigrationsEndpointProperties {

	/**
	 * To whom error texts, script paths and user names (applied by, lock holder) are shown: never,
	 * when-authorized (an authenticated caller, with one of the roles when roles are set) or always.
	 */
	private Show showValues = Show.WHEN_AUTHORIZED;

	/** Roles a caller needs for when-authorized; empty: any authenticated caller. */
	private Set<String> roles = new HashSet<>();

	public Show getShowValues() {
		return this.showValues;
	}

	public void setShowValues(Show showValues) {
		this.showValues = showValues;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<String> roles) {
		this.roles = roles;
	}

}
