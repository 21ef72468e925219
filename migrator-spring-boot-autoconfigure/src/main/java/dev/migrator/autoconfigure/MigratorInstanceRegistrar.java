package dev.migrator.autoconfigure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.migrator.autoconfigure.MigratorAutoConfiguration.MigratorConfiguration;
import dev.migrator.core.Migrator;
import dev.migrator.core.api.ClosestName;
import dev.migrator.core.api.MigrationListener;
import dev.migrator.core.api.MigrationVersion;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.StringUtils;

/**
 * Registers, for each {@code migrator.instances.<name>}, a {@link MigratorInstance} bean
 * ({@code migratorInstance.<name>}) and its {@link MigrationRunner} ({@code migrationRunner.<name>}),
 * so that each instance migrates at start-up as the default one does, and beans that depend on
 * database initialization wait for it too. Registered with the auto-configuration's own beans, so
 * the health, metrics and endpoint auto-configurations, which come after, see them.
 */
class MigratorInstanceRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	static final String PREFIX = "migrator.instances";

	// A name is a path segment of the endpoint: not a version (that path shows a migration), not the dashboard's.
	private static final Set<String> RESERVED = Set.of(MigratorInstance.DEFAULT, "dashboard");

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		for (String name : names(this.environment)) {
			RootBeanDefinition instance = new RootBeanDefinition(MigratorInstanceRegistrar.class);
			instance.setFactoryMethodName("instance");
			instance.setTargetType(MigratorInstance.class);
			instance.setAutowireMode(AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR);
			instance.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
			registry.registerBeanDefinition("migratorInstance." + name, instance);
			RootBeanDefinition runner = new RootBeanDefinition(MigratorInstanceRegistrar.class);
			runner.setFactoryMethodName("runner");
			runner.setTargetType(MigrationRunner.class);
			runner.setAutowireMode(AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR);
			runner.getConstructorArgumentValues()
				.addIndexedArgumentValue(0, new RuntimeBeanReference("migratorInstance." + name));
			registry.registerBeanDefinition("migrationRunner." + name, runner);
		}
	}

	/** The configured instance names, in the order written; a name that cannot be one is refused. */
	static List<String> names(Environment environment) {
		Map<String, MigratorProperties.Instance> instances = Binder.get(environment)
			.bind(PREFIX, Bindable.mapOf(String.class, MigratorProperties.Instance.class))
			.orElse(Map.of());
		for (String name : instances.keySet()) {
			if (RESERVED.contains(name) || !NAME.matcher(name).matches() || isVersion(name)) {
				throw new IllegalStateException(PREFIX + "." + name + ": '" + name + "' cannot name a migrator instance:"
						+ " a name is lower-case letters, digits, '-' and '_', starts with a letter, and is not one of "
						+ RESERVED + " (the endpoint's paths use them). Rename the instance.");
			}
		}
		return List.copyOf(instances.keySet());
	}

	private static boolean isVersion(String name) {
		try {
			MigrationVersion.parse(name);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	static MigratorInstance instance(String name, Environment environment, ResourceLoader resourceLoader,
			ListableBeanFactory beanFactory, ObjectProvider<MigratorInstanceListenerFactory> listenerFactories) {
		MigratorProperties.Instance own = Binder.get(environment)
			.bind(PREFIX + "." + name, MigratorProperties.Instance.class)
			.orElseGet(MigratorProperties.Instance::new);
		MigratorProperties properties = properties(environment, name, own);
		MigrationActivity activity = new MigrationActivity();
		AtomicReference<Migrator> built = new AtomicReference<>();
		List<MigrationListener> listeners = new ArrayList<>(List.of(activity));
		listenerFactories.orderedStream().forEach((factory) -> listeners.add(factory.listenerFor(name, built::get)));
		Migrator.Builder builder = Migrator.configure()
			.dataSource(dataSource(name, own, beanFactory))
			.classLoader(resourceLoader.getClassLoader());
		MigratorConfiguration.configureProperties(builder, properties);
		builder.listeners(listeners.toArray(MigrationListener[]::new));
		built.set(builder.load());
		return new MigratorInstance(name, built.get(), activity, properties);
	}

	static MigrationRunner runner(MigratorInstance instance, ApplicationEventPublisher publisher) {
		return new MigrationRunner(instance.migrator(), instance.properties(), instance.activity(), publisher,
				instance.name());
	}

	/**
	 * The top-level settings with the instance's own over them. The database and the locations are
	 * never inherited: the top-level ones are the default migrator's; a top-level backup folder gets
	 * a subfolder per instance.
	 */
	static MigratorProperties properties(Environment environment, String name, MigratorProperties.Instance own) {
		Binder binder = Binder.get(environment);
		MigratorProperties properties = binder.bind("migrator", MigratorProperties.class)
			.orElseGet(MigratorProperties::new);
		properties.getInstances().clear();
		properties.setUrl(null);
		properties.setUser(null);
		properties.setPassword(null);
		properties.setLocations(new ArrayList<>(List.of("classpath:db/" + name)));
		// the engine lists and restores every backup in its folder, whichever database it is of
		Path backups = properties.getBackup().getDirectory();
		if (backups != null) {
			properties.getBackup().setDirectory(backups.resolve(name));
		}
		binder.bind(PREFIX + "." + name, Bindable.ofInstance(properties));
		return properties;
	}

	private static DataSource dataSource(String name, MigratorProperties.Instance own, ListableBeanFactory beans) {
		String key = PREFIX + "." + name;
		boolean byBean = StringUtils.hasText(own.getDataSource());
		if (byBean == StringUtils.hasText(own.getUrl())) {
			throw new IllegalStateException(key + " needs " + (byBean ? "one of" : "either") + " data-source (the name"
					+ " of a DataSource bean) " + (byBean ? "and" : "or") + " url (a JDBC URL), not "
					+ (byBean ? "both" : "neither") + ": set " + key + ".data-source or " + key + ".url.");
		}
		if (!byBean) {
			return DataSourceBuilder.create()
				.type(SimpleDriverDataSource.class)
				.url(own.getUrl())
				.username(own.getUser())
				.password(own.getPassword())
				.build();
		}
		List<String> candidates = Arrays.asList(beans.getBeanNamesForType(DataSource.class));
		if (!candidates.contains(own.getDataSource())) {
			String closest = ClosestName.near(own.getDataSource(), candidates);
			throw new IllegalStateException(key + ".data-source=" + own.getDataSource() + ": no DataSource bean has"
					+ " that name" + ((closest != null) ? "; did you mean '" + closest + "'?" : ".")
					+ " The DataSource beans: " + String.join(", ", candidates) + ".");
		}
		DataSource dataSource = beans.getBean(own.getDataSource(), DataSource.class);
		if (StringUtils.hasText(own.getUser())) {
			return DataSourceBuilder.derivedFrom(dataSource)
				.type(SimpleDriverDataSource.class)
				.username(own.getUser())
				.password(own.getPassword())
				.build();
		}
		return dataSource;
	}

}
