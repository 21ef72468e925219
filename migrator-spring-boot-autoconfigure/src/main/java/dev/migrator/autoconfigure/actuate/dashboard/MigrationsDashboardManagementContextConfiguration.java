package dev.migrator.autoconfigure.actuate.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.migrator.autoconfigure.actuate.endpoint.MigrationsEndpoint;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * The migrations dashboard, a page at {@code <migrations endpoint>/dashboard} (by default
 * {@code /actuator/migrations/dashboard}), in the management context, so on the management port when
 * it has one. It lies under the endpoint's path: a security rule written for the endpoint
 * ({@code EndpointRequest.to(MigrationsEndpoint.class)} or {@code toAnyEndpoint()}) covers it, and
 * the page's data and actions are the endpoint's own requests. Off with
 * {@code management.endpoint.migrations.dashboard.enabled=false}.
 */
@ManagementContextConfiguration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, MigrationsEndpoint.class })
@ConditionalOnProperty(prefix = "management.endpoint.migrations.dashboard", name = "enabled", havingValue = "true",
		matchIfMissing = true)
public class MigrationsDashboardManagementContextConfiguration {

	static final EndpointId MIGRATIONS = EndpointId.of("migrations");

	/** Before the Actuator's own mapping (-100), which would read "dashboard" as a version to look up. */
	static final int ORDER = -110;

	@Bean
	HandlerMapping migrationsDashboardHandlerMapping(ObjectProvider<MigrationsEndpoint> endpoint,
			ObjectProvider<PathMappedEndpoints> endpoints, ObjectProvider<EndpointAccessResolver> access) {
		// no endpoint bean, or not exposed over the web: no page (asked here, once every bean is defined)
		PathMappedEndpoints mapped = endpoints.getIfAvailable();
		String path = (endpoint.getIfAvailable() != null && mapped != null) ? mapped.getPath(MIGRATIONS) : null;
		Map<String, Object> pages = new LinkedHashMap<>();
		if (path != null) {
			Access granted = access.getIfAvailable(() -> (id, defaultAccess) -> defaultAccess)
				.accessFor(MIGRATIONS, Access.READ_ONLY);
			pages.put(path + "/dashboard", DashboardPage.html(path, granted == Access.UNRESTRICTED));
			DashboardPage.assets().forEach((name, page) -> pages.put(path + "/dashboard/" + name, page));
		}
		return new SimpleUrlHandlerMapping(pages, ORDER);
	}

}
