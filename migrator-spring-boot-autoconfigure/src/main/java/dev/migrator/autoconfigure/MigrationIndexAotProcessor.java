package dev.migrator.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.migrator.core.MigrationIndex;
import dev.migrator.core.Migrator;
import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigratorException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * At Spring AOT processing time, indexes the migrations of the configured {@code classpath:}
 * locations into a generated resource, {@value #INDEX}, so that a start with the generated artifacts
 * ({@code spring.aot.enabled}, a native image) finds each file by name instead of listing folders;
 * and keeps those files, the index and the Java migrations' classes in a native image.
 */
class MigrationIndexAotProcessor implements BeanFactoryInitializationAotProcessor {

	/** The generated index, on the class path of the processed application. */
	static final String INDEX = "META-INF/migrator/aot-index";

	/** Any URL serves: the builder wants one, and the index reads no database. */
	private static final String NO_DATABASE = "jdbc:sqlite::memory:";

	private static final Log logger = LogFactory.getLog(MigrationIndexAotProcessor.class);

	@Override
	public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
		if (beanFactory.getBeanNamesForType(MigratorProperties.class, false, false).length == 0) {
			return null;
		}
		MigratorProperties properties = Binder.get(beanFactory.getBean(Environment.class))
			.bindOrCreate("migrator", MigratorProperties.class);
		String index = index(properties, beanFactory.getBeanClassLoader());
		List<Class<?>> javaMigrations = new ArrayList<>();
		for (String name : beanFactory.getBeanNamesForType(JavaMigration.class, true, false)) {
			Class<?> type = beanFactory.getType(name, false);
			if (type != null) {
				javaMigrations.add(type);
			}
		}
		return (generationContext, code) -> {
			RuntimeHints hints = generationContext.getRuntimeHints();
			registerHints(hints, properties.getLocations(), javaMigrations);
			if (index != null) {
				generationContext.getGeneratedFiles().addResourceFile(INDEX, index);
				hints.resources().registerPattern(INDEX);
			}
		};
	}

	/** The index text, or null where the migrations cannot be indexed at build time (said in the build's log). */
	private static String index(MigratorProperties properties, ClassLoader classLoader) {
		Migrator.Builder builder = Migrator.configure().url(NO_DATABASE);
		if (classLoader != null) {
			builder.classLoader(classLoader);
		}
		MigratorAutoConfiguration.MigratorConfiguration.configureProperties(builder, properties);
		try {
			String index = MigrationIndex.render(builder.configuration());
			logger.info("Indexed the migrations of " + properties.getLocations() + " into " + INDEX
					+ ": a start with spring.aot.enabled lists no folder");
			return index;
		}
		catch (MigratorException ex) {
			logger.warn("The migrations of " + properties.getLocations() + " were not indexed (" + ex.getMessage()
					+ "); a start with spring.aot.enabled lists their folders, which a native image cannot do");
			return null;
		}
	}

	/** Each classpath location's files (a vendor folder standing for any), and the Java migrations' classes. */
	static void registerHints(RuntimeHints hints, List<String> locations, List<Class<?>> javaMigrations) {
		for (String location : locations) {
			if (location.startsWith("filesystem:")) {
				continue;
			}
			String path = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
			path = path.replace("{vendor}", "*").replaceAll("^/+|/+$", "");
			hints.resources().registerPattern(path.isEmpty() ? "**/*.sql" : path + "/**");
		}
		for (Class<?> type : javaMigrations) {
			hints.reflection().registerType(type, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
					MemberCategory.INVOKE_PUBLIC_METHODS);
		}
	}

}
