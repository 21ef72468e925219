package dev.migrator.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import dev.migrator.autoconfigure.MigratorAutoConfiguration.MigratorDataSourceCondition;
import dev.migrator.autoconfigure.event.MigrationEventPublisher;
import dev.migrator.core.Migrator;
import dev.migrator.core.TenantMigrators;
import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for Migrator: a {@link Migrator} on the
 * application's {@link DataSource} (or on {@code migrator.url}) and a {@link MigrationRunner} that
 * migrates it at start-up. Without a DataSource it backs off quietly; with several, it migrates the
 * {@link MigratorDataSource @MigratorDataSource} one, else the {@code @Primary} one, else fails.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(Migrator.class)
@Conditional(MigratorDataSourceCondition.class)
@ConditionalOnBooleanProperty(name = "migrator.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MigratorProperties.class)
@Import({ DatabaseInitializationDependencyConfigurer.class, MigratorInstanceRegistrar.class })
@ImportRuntimeHints(MigratorRuntimeHints.class)
public final class MigratorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	static class MigrationListenerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MigrationActivity migrationActivity() {
			return new MigrationActivity();
		}

		@Bean
		@ConditionalOnMissingBean
		MigrationEventPublisher migrationEventPublisher(ApplicationEventPublisher publisher) {
			return new MigrationEventPublisher(publisher);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(Migrator.class)
	static class MigratorConfiguration {

		private static final Log logger = LogFactory.getLog(MigratorConfiguration.class);

		@Bean
		Migrator migrator(MigratorProperties properties, ResourceLoader resourceLoader,
				@MigratorDataSource ObjectProvider<DataSource> migratorDataSource, ObjectProvider<DataSource> dataSource,
				ListableBeanFactory beanFactory, ObjectProvider<MigratorConfigurationCustomizer> customizers,
				ObjectProvider<JavaMigration> javaMigrations, ObjectProvider<MigrationListener> listeners) {
			Migrator.Builder builder = Migrator.configure()
				.dataSource(migrationDataSource(properties,
						migratorDataSource.getIfAvailable(() -> applicationDataSource(properties, dataSource, beanFactory))))
				.classLoader(resourceLoader.getClassLoader());
			configureProperties(builder, properties);
			useAotIndex(builder, resourceLoader.getClassLoader(), properties);
			builder.javaMigrations(javaMigrations.orderedStream().toArray(JavaMigration[]::new));
			builder.listeners(listeners.orderedStream().toArray(MigrationListener[]::new));
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.load();
		}

		// With the generated artifacts (spring.aot.enabled, a native image) the build's index lists the files.
		private void useAotIndex(Migrator.Builder builder, ClassLoader classLoader, MigratorProperties properties) {
			if (AotDetector.useGeneratedArtifacts() && classLoader != null
					&& classLoader.getResource(MigrationIndexAotProcessor.INDEX) != null) {
				builder.locationIndex(MigrationIndexAotProcessor.INDEX);
				logger.info("Migrator lists the files of " + properties.getLocations() + " from the AOT index "
						+ MigrationIndexAotProcessor.INDEX + ", written at build time: no folder is listed");
			}
		}

		// Several candidates and no choice is a failure, not a guess (nor a silent off): see the analyzer.
		private DataSource applicationDataSource(MigratorProperties properties, ObjectProvider<DataSource> dataSource,
				ListableBeanFactory beanFactory) {
			DataSource unique = dataSource.getIfUnique();
			if (unique == null && !StringUtils.hasText(properties.getUrl())) {
				String[] candidates = beanFactory.getBeanNamesForType(DataSource.class);
				if (candidates.length > 1) {
					throw new NoMigratorDataSourceChosenException(List.of(candidates));
				}
			}
			return unique;
		}

		private DataSource migrationDataSource(MigratorProperties properties, DataSource dataSource) {
			if (StringUtils.hasText(properties.getUrl())) {
				return DataSourceBuilder.create()
					.type(SimpleDriverDataSource.class)
					.url(properties.getUrl())
					.username(properties.getUser())
					.password(properties.getPassword())
					.build();
			}
			Assert.state(dataSource != null, "Migrator needs a DataSource: define one, or set migrator.url");
			if (StringUtils.hasText(properties.getUser())) {
				return DataSourceBuilder.derivedFrom(dataSource)
					.type(SimpleDriverDataSource.class)
					.username(properties.getUser())
					.password(properties.getPassword())
					.build();
			}
			return dataSource;
		}

		// also what the AOT processing indexes with (MigrationIndexAotProcessor), and each named instance
		static void configureProperties(Migrator.Builder builder, MigratorProperties properties) {
			PropertyMapper map = PropertyMapper.get();
			map.from(properties.getLocations()).to((locations) -> builder.locations(locations.toArray(String[]::new)));
			map.from(properties.getTable()).to(builder::table);
			map.from(properties.getSchema()).to(builder::schema);
			map.from(properties.getMigrationLockTimeout()).to(builder::migrationLockTimeout);
			map.from(properties.getStatementTimeout()).to(builder::statementTimeout);
			map.from(properties.isOutOfOrder()).to(builder::outOfOrder);
			map.from(properties.getTransaction()).to(builder::transactionMode);
			map.from(properties.isFailOnStrayFiles()).to(builder::failOnStrayFiles);
			map.from(properties.getPlaceholders()).to(builder::placeholders);
			map.from(properties.getAdopt()).to(builder::adopt);
			map.from(properties.isIgnoreMissingMigrations()).to(builder::ignoreMissingMigrations);
			map.from(properties.getIntegrityCheck()).to(builder::integrityCheck);
			MigratorProperties.Lock lock = properties.getLock();
			builder.lock(lock.getWaitTimeout(), lock.getLease()).lockMode(lock.getMode()).lockMaxWait(lock.getMaxWait());
			MigratorProperties.Backup backup = properties.getBackup();
			builder.backupEnabled(backup.isEnabled())
				.backupDirectory(backup.getDirectory())
				.backupCompress(backup.isCompress())
				.backupRetention(backup.getRetention().getCount(), backup.getRetention().getAge())
				.backupMaxCount(backup.getRetention().getMaxCount())
				.backupMaxTotalSize(backup.getRetention().getMaxTotalSize().toBytes())
				.backupDumpTool(backup.getDumpTool());
		}

	}

	// The tenants get the application's settings, not its activity: that tracks the application's own database.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(MigratorTenants.class)
	static class TenantsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TenantMigrators tenantMigrators(MigratorTenants tenants, MigratorProperties properties,
				ResourceLoader resourceLoader, ObjectProvider<MigratorConfigurationCustomizer> customizers,
				ObjectProvider<JavaMigration> javaMigrations, ObjectProvider<MigrationListener> listeners) {
			Migrator.Builder builder = Migrator.configure().classLoader(resourceLoader.getClassLoader());
			MigratorConfiguration.configureProperties(builder, properties);
			List<String> locations = properties.getTenants().getLocations();
			if (locations != null && !locations.isEmpty()) {
				builder.locations(locations.toArray(String[]::new));
			}
			builder.javaMigrations(javaMigrations.orderedStream().toArray(JavaMigration[]::new));
			builder.listeners(listeners.orderedStream()
				.filter((listener) -> !(listener instanceof MigrationActivity))
				.toArray(MigrationListener[]::new));
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.loadTenants(tenants.tenants());
		}

		@Bean
		@ConditionalOnMissingBean
		TenantsActivity tenantsActivity() {
			return new TenantsActivity();
		}

	}

	// Runs whichever Migrator the context has, the user's own included, then the tenants if there are any.
	@Configuration(proxyBeanMethods = false)
	static class MigrationRunnerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MigrationRunner migrationRunner(Migrator migrator, MigratorProperties properties, MigrationActivity activity,
				ApplicationEventPublisher publisher, ObjectProvider<TenantMigrators> tenants,
				ObjectProvider<TenantsActivity> tenantsActivity) {
			MigrationRunner runner = new MigrationRunner(migrator, properties, activity, publisher);
			tenants.ifAvailable((migrators) -> runner.tenants(new TenantsRun(migrators, properties.getTenants(),
					tenantsActivity.getIfAvailable(TenantsActivity::new))));
			return runner;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SchemaManagementConfiguration {

		@Bean
		MigratorSchemaManagementProvider migratorDefaultDdlModeProvider(ObjectProvider<Migrator> migrators) {
			return new MigratorSchemaManagementProvider(migrators);
		}

	}

	static final class MigratorDataSourceCondition extends AnyNestedCondition {

		MigratorDataSourceCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		// Any DataSource: with several, the migrator bean chooses (@MigratorDataSource, @Primary) or fails.
		@ConditionalOnBean(DataSource.class)
		private static final class DataSourceBeanCondition {

		}

		@ConditionalOnProperty("migrator.url")
		private static final class MigratorUrlCondition {

		}

	}

}
