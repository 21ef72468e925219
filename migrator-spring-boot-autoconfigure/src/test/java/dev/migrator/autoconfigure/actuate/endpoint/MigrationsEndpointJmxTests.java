package dev.migrator.autoconfigure.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.ReflectionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.autoconfigure.ApplicationReady;
import dev.migrator.autoconfigure.MigratorAutoConfiguration;
import dev.migrator.autoconfigure.SqliteFile;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jmx.JmxEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jmx.JmxAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The endpoint over JMX, as Boot exposes its own: reads by default, writes only once access is opened. */
class MigrationsEndpointJmxTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JmxAutoConfiguration.class, EndpointAutoConfiguration.class,
				JmxEndpointAutoConfiguration.class, DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class,
				MigrationsEndpointAutoConfiguration.class))
		.withPropertyValues("spring.jmx.enabled=true", "spring.jmx.unique-names=true",
				"management.endpoints.jmx.exposure.include=migrations");

	@TempDir
	Path dir;

	@Test
	void theReadOperationAnswersWhereTheSchemaStands() {
		this.contextRunner.withPropertyValues(SqliteFile.in(this.dir).dataSourceUrl()).run((context) -> {
			ApplicationReady.publish(context);
			MBeanServer server = context.getBean(MBeanServer.class);
			Object answer = server.invoke(migrations(context), "migrations", new Object[0], new String[0]);
			assertThat(answer).isInstanceOf(Map.class);
			Map<?, ?> migrations = (Map<?, ?>) answer;
			assertThat(migrations.get("currentVersion")).isEqualTo("002");
			assertThat(migrations.get("status")).isEqualTo("UP_TO_DATE");
		});
	}

	@Test
	void writesAreAbsentAndRefusedWhileAccessIsReadOnly() {
		SqliteFile db = SqliteFile.in(this.dir);
		this.contextRunner.withPropertyValues(db.dataSourceUrl()).run((context) -> {
			ApplicationReady.publish(context);
			List<String> before = db.dump();
			MBeanServer server = context.getBean(MBeanServer.class);
			assertThat(operations(server, migrations(context))).contains("migrations", "migration")
				.doesNotContain("run", "instanceRun");
			assertThatExceptionOfType(ReflectionException.class).isThrownBy(() -> server.invoke(migrations(context),
					"run", new Object[] { "rollback", 1, null, null, null, null },
					new String[] { "java.lang.String", "java.lang.Integer", "java.lang.String", "java.lang.Boolean",
							"java.lang.Boolean", "java.lang.Boolean" }));
			assertThat(db.dump()).isEqualTo(before);
		});
	}

	@Test
	void writesAreThereOnceAccessIsUnrestricted() {
		SqliteFile db = SqliteFile.in(this.dir);
		this.contextRunner.withPropertyValues(db.dataSourceUrl(), "management.endpoint.migrations.access=UNRESTRICTED")
			.run((context) -> {
				ApplicationReady.publish(context);
				MBeanServer server = context.getBean(MBeanServer.class);
				assertThat(operations(server, migrations(context))).contains("run", "instanceRun");
				Object answer = invoke(server, migrations(context), "run",
						Map.of("command", "rollback", "steps", 1, "dryRun", true));
				assertThat(answer.toString()).contains("status=200", "command=rollback", "dryRun=true");
				assertThat(db.tables()).contains("tasks");
			});
	}

	@Test
	void notExposedOverJmxUnlessIncluded() {
		this.contextRunner
			.withPropertyValues(SqliteFile.in(this.dir).dataSourceUrl(), "management.endpoints.jmx.exposure.include=health")
			.run((context) -> assertThat(context.getBean(MBeanServer.class)
				.queryNames(new ObjectName("org.springframework.boot:type=Endpoint,name=Migrations,*"), null)).isEmpty());
	}

	private static ObjectName migrations(AssertableApplicationContext context) throws Exception {
		Set<ObjectName> names = context.getBean(MBeanServer.class)
			.queryNames(new ObjectName("org.springframework.boot:type=Endpoint,name=Migrations,*"), null);
		assertThat(names).hasSize(1);
		return names.iterator().next();
	}

	// JMX parameters go by position: put each value where the MBean's signature names it
	private static Object invoke(MBeanServer server, ObjectName name, String operation, Map<String, Object> arguments)
			throws Exception {
		MBeanOperationInfo info = Arrays.stream(server.getMBeanInfo(name).getOperations())
			.filter((candidate) -> candidate.getName().equals(operation))
			.findFirst()
			.orElseThrow();
		MBeanParameterInfo[] signature = info.getSignature();
		return server.invoke(name, operation,
				Arrays.stream(signature).map((parameter) -> arguments.get(parameter.getName())).toArray(),
				Arrays.stream(signature).map(MBeanParameterInfo::getType).toArray(String[]::new));
	}

	private static List<String> operations(MBeanServer server, ObjectName name) throws Exception {
		return Arrays.stream(server.getMBeanInfo(name).getOperations()).map(MBeanOperationInfo::getName).toList();
	}

}
