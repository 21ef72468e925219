package dev.migrator.autoconfigure.actuate.endpoint;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.util.ClassUtils;

/**
 * Says once, at start-up, when the endpoint's writes are open and nothing secures them: without
 * Spring Security's filter chain anyone who reaches the management port can migrate and roll back.
 */
final class UnguardedWritesWarning implements SmartInitializingSingleton {

	static final String SECURITY_FILTER_CHAIN = "org.springframework.security.web.SecurityFilterChain";

	private static final Logger logger = LoggerFactory.getLogger(MigrationsEndpoint.class);

	private final EndpointAccessResolver access;

	private final ListableBeanFactory beans;

	UnguardedWritesWarning(EndpointAccessResolver access, ListableBeanFactory beans) {
		this.access = access;
		this.beans = beans;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.access.accessFor(EndpointId.of("migrations"), Access.READ_ONLY) == Access.UNRESTRICTED && !secured()) {
			logger.warn("The migrations endpoint's writes (migrate, rollback, repair, restore) are open"
					+ " (management.endpoint.migrations.access=unrestricted) and nothing secures them: no Spring Security"
					+ " SecurityFilterChain is defined, so anyone who reaches the management port can migrate, roll back or restore"
					+ " the database. Add spring-boot-starter-security with a SecurityFilterChain that requires a role for"
					+ " POST /actuator/migrations/** (see docs/SPRING-BOOT.md, \"Guarding writes with Spring Security\"),"
					+ " or set management.endpoint.migrations.access=read-only.");
		}
	}

	private boolean secured() {
		ClassLoader classLoader = getClass().getClassLoader();
		if (!ClassUtils.isPresent(SECURITY_FILTER_CHAIN, classLoader)) {
			return false;
		}
		Class<?> chain = ClassUtils.resolveClassName(SECURITY_FILTER_CHAIN, classLoader);
		return this.beans.getBeanNamesForType(chain, true, false).length > 0;
	}

}
