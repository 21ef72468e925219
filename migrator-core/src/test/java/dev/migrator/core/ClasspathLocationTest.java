package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigrationInfo;

class ClasspathLocationTest {

	@TempDir
	Path dir;

	SqliteFixture fx;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SqliteFixture(this.dir);
		// an empty database file: info refuses a file that is not there at all
		this.fx.connect().close();
	}

	@Test
	void classpathDirectoryIsScanned() throws Exception {
		var result = Migrator.configure().url(this.fx.url()).locations("classpath:db/classpath-test").load().migrate();

		assertThat(result.migrations()).extracting((r) -> r.script())
			.containsExactly("db/classpath-test/1_cp_one.sql", "db/classpath-test/2_cp_two.sql");
		assertThat(this.fx.tables()).contains("cp_one", "cp_two");
	}

	@Test
	void locationWithoutPrefixIsAClasspathLocation() throws Exception {
		var info = Migrator.configure().url(this.fx.url()).locations("/db/classpath-test/").load().info();

		assertThat(info.pending()).extracting(MigrationInfo::script)
			.containsExactly("db/classpath-test/1_cp_one.sql", "db/classpath-test/2_cp_two.sql");
	}

	@Test
	void migrationsInsideAPackagedJarAreFoundAndRun() throws Exception {
		Path jar = this.dir.resolve("app.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			// directory entries, as Maven, Gradle and Spring Boot write them
			for (String directory : new String[] { "db/", "db/jarred/", "db/jarred/sub/", "db/other/" }) {
				out.putNextEntry(new JarEntry(directory));
				out.closeEntry();
			}
			entry(out, "db/jarred/1_from_jar.sql", "CREATE TABLE from_jar (id INTEGER);\n-- migrate:down\nDROP TABLE from_jar;\n");
			entry(out, "db/jarred/sub/2_nested.sql", "INSERT INTO from_jar VALUES (42);\n");
			entry(out, "db/jarred/README.txt", "not a migration");
			entry(out, "db/other/9_elsewhere.sql", "CREATE TABLE elsewhere (id INTEGER);\n");
		}
		try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
			Migrator migrator = Migrator.configure().url(this.fx.url()).classLoader(loader).locations("classpath:db/jarred").load();

			var result = migrator.migrate();

			assertThat(result.migrations()).extracting((r) -> r.script())
				.containsExactly("db/jarred/1_from_jar.sql", "db/jarred/sub/2_nested.sql");
			assertThat(this.fx.query("SELECT id FROM from_jar")).containsExactly("42");
			assertThat(this.fx.tables()).doesNotContain("elsewhere");
			assertThat(migrator.info().migrations().get(0).rollbackAvailable()).isTrue();
		}
	}

	@Test
	void migrationsInAJarWithoutFolderEntriesAreFoundWithOrWithoutAManifest() throws Exception {
		// shaded and some hand-built jars hold files only: the class loader finds no "db/flat" folder
		Path withManifest = this.dir.resolve("with-manifest.jar");
		java.util.jar.Manifest manifest = new java.util.jar.Manifest();
		manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(withManifest), manifest)) {
			entry(out, "db/flat/1_first.sql", "CREATE TABLE flat (id INTEGER);\n");
			entry(out, "db/flatter/9_not_this_folder.sql", "CREATE TABLE flatter (id INTEGER);\n");
		}
		Path bare = this.dir.resolve("bare.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(bare))) {
			entry(out, "db/flat/sub/2_second.sql", "INSERT INTO flat VALUES (7);\n");
		}
		try (URLClassLoader loader = new URLClassLoader(
				new URL[] { withManifest.toUri().toURL(), bare.toUri().toURL() }, null)) {
			assertThat(loader.getResource("db/flat")).as("the class loader sees no folder").isNull();
			Migrator migrator = Migrator.configure().url(this.fx.url()).classLoader(loader).locations("classpath:db/flat").load();

			var result = migrator.migrate();

			assertThat(result.migrations()).extracting((r) -> r.script())
				.containsExactly("db/flat/1_first.sql", "db/flat/sub/2_second.sql");
			assertThat(this.fx.query("SELECT id FROM flat")).containsExactly("7");
			assertThat(this.fx.tables()).doesNotContain("flatter");
		}
	}

	@Test
	void absentClasspathLocationIsAWarningNotAnError() throws Exception {
		var result = Migrator.configure().url(this.fx.url()).locations("classpath:db/nothing-here").load().migrate();

		assertThat(result.isEmpty()).isTrue();
		assertThat(result.warnings()).containsExactly("No migrations found at classpath:db/nothing-here");
	}

	// some pools' threads have no context class loader: the engine's own one finds the migrations then
	@Test
	void aThreadWithoutAContextClassLoaderFindsClasspathMigrationsThroughTheEnginesLoader() throws Exception {
		java.util.concurrent.atomic.AtomicReference<Object> outcome = new java.util.concurrent.atomic.AtomicReference<>();
		Thread thread = new Thread(() -> {
			try {
				outcome.set(Migrator.configure().url(this.fx.url()).locations("classpath:db/classpath-test").load().migrate());
			}
			catch (RuntimeException ex) {
				outcome.set(ex);
			}
		});
		thread.setContextClassLoader(null);
		thread.start();
		thread.join();

		assertThat(outcome.get()).isInstanceOfSatisfying(dev.migrator.core.api.RunResult.class,
				(result) -> assertThat(result.migrations()).hasSize(2));
		assertThat(this.fx.tables()).contains("cp_one", "cp_two");
	}

	@Test
	void inAClassPathFolderALinkedScriptIsReadThroughItsLinkAndADanglingOneIsAnErrorNamingIt() throws Exception {
		Path linked = Files.createDirectories(this.dir.resolve("classes/db/linked"));
		Path elsewhere = Files.createDirectories(this.dir.resolve("elsewhere"));
		Files.writeString(elsewhere.resolve("users.sql"), "CREATE TABLE users (id INTEGER);");
		Files.createSymbolicLink(linked.resolve("1_users.sql"), elsewhere.resolve("users.sql"));
		try (URLClassLoader loader = new URLClassLoader(new URL[] { this.dir.resolve("classes").toUri().toURL() }, null)) {
			Migrator migrator = Migrator.configure().url(this.fx.url()).classLoader(loader).locations("classpath:db/linked").load();

			assertThat(migrator.migrate().migrations()).extracting((r) -> r.script()).containsExactly("db/linked/1_users.sql");
			assertThat(this.fx.tables()).contains("users");

			Files.writeString(elsewhere.resolve("tags.sql"), "CREATE TABLE tags (id INTEGER);");
			Files.createSymbolicLink(linked.resolve("2_tags.sql"), elsewhere.resolve("tags.sql"));
			Files.delete(elsewhere.resolve("tags.sql"));

			assertThatThrownBy(migrator::migrate).isInstanceOf(dev.migrator.core.api.MigratorException.class)
				.hasMessageContaining("Migration location classpath:db/linked: ")
				.hasMessageContaining("2_tags.sql is a symbolic link to " + elsewhere.resolve("tags.sql") + ", which does not"
						+ " exist; restore the file it points at, or remove the link");
			assertThat(this.fx.query("SELECT version FROM schema_migrations")).containsExactly("1");
		}
	}

	@Test
	void unreadableClasspathProtocolIsAClearError() throws Exception {
		ClassLoader odd = new ClassLoader(null) {
			@Override
			public java.util.Enumeration<URL> getResources(String name) throws java.io.IOException {
				return java.util.Collections.enumeration(java.util.List.of(new URL("http://localhost:1/db/migration")));
			}
		};
		assertThatThrownBy(() -> Migrator.configure().url(this.fx.url()).classLoader(odd).load().info())
			.hasMessageContaining("Cannot list migrations at http://localhost:1/db/migration (protocol 'http')");
	}

	private static void entry(JarOutputStream out, String name, String content) throws Exception {
		out.putNextEntry(new JarEntry(name));
		OutputStream stream = out;
		stream.write(content.getBytes(StandardCharsets.UTF_8));
		out.closeEntry();
	}

}
