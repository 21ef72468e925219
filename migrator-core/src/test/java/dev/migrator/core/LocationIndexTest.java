package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.ValidationException;

/**
 * {@code locationIndex}: a classpath location's files listed from an index (as Spring AOT processing
 * writes it) instead of by listing its folder, which a native image cannot do. The class loader here
 * refuses to list any folder, so a passing test proves none was listed.
 */
class LocationIndexTest {

	private static final String INDEX = "META-INF/migrator/aot-index";

	private static final String FIRST = "CREATE TABLE tasks (id INTEGER PRIMARY KEY, title VARCHAR(100) NOT NULL);";

	/** The same size as {@link #FIRST}. */
	private static final String FIRST_CHANGED = "CREATE TABLE tasks (id INTEGER PRIMARY KEY, title VARCHAR(200) NOT NULL);";

	@TempDir
	Path dir;

	Path classes;

	Path migrations;

	@BeforeEach
	void setUp() throws IOException {
		this.classes = Files.createDirectories(this.dir.resolve("classes"));
		this.migrations = Files.createDirectories(this.classes.resolve("db/aot"));
		Files.writeString(this.migrations.resolve("001_create_tasks.sql"), FIRST);
		Files.writeString(this.migrations.resolve("002_add_done.sql"),
				"ALTER TABLE tasks ADD COLUMN done INTEGER NOT NULL DEFAULT 0;");
	}

	private Migrator.Builder configure(ClassLoader loader) {
		return Migrator.configure()
			.url("jdbc:sqlite:" + this.dir.resolve("app.db"))
			.locations("classpath:db/aot")
			.classLoader(loader);
	}

	/** Writes the index as the AOT processing does: rendered, then stored as a class-path resource. */
	private void writeIndex() throws IOException {
		String text = MigrationIndex.render(configure(new URLClassLoader(new URL[] { this.classes.toUri().toURL() },
				getClass().getClassLoader())).configuration());
		Path index = this.classes.resolve(INDEX);
		Files.createDirectories(index.getParent());
		Files.writeString(index, text);
	}

	private Migrator indexed(NoFolderListing loader) {
		return configure(loader).locationIndex(INDEX).load();
	}

	@Test
	void migratesAndStartsUpToDateWithoutListingAFolder() throws Exception {
		writeIndex();
		NoFolderListing loader = new NoFolderListing(this.classes);

		assertThat(indexed(loader).migrate().migrations()).hasSize(2);
		assertThat(indexed(loader).migrate().isEmpty()).isTrue();
		assertThat(indexed(loader).validate().migrationsChecked()).isEqualTo(2);
		assertThat(loader.asked).contains("db/aot/001_create_tasks.sql", "db/aot/002_add_done.sql")
			.doesNotContain("db/aot");
	}

	@Test
	void theLoaderRefusesToListAFolderAsANativeImageDoes() throws Exception {
		NoFolderListing loader = new NoFolderListing(this.classes);
		assertThatThrownBy(() -> configure(loader).load().migrate()).isInstanceOf(AssertionError.class)
			.hasMessageContaining("listed the folder db/aot");
	}

	@Test
	void changedFileIsDetectedOnEveryPathWithTheLocationIndex() throws Exception {
		writeIndex();
		indexed(new NoFolderListing(this.classes)).migrate();
		Path file = this.migrations.resolve("001_create_tasks.sql");
		FileTime before = Files.getLastModifiedTime(file);
		Files.writeString(file, FIRST_CHANGED, StandardCharsets.UTF_8);
		Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 5_000));

		Migrator migrator = indexed(new NoFolderListing(this.classes));
		assertThatThrownBy(migrator::migrate).isInstanceOf(ValidationException.class)
			.hasMessageContaining("001_create_tasks.sql has changed since it was applied");
		assertThatThrownBy(migrator::validate).isInstanceOf(ValidationException.class)
			.hasMessageContaining("001_create_tasks.sql has changed");
		assertThat(migrator.status().problems()).anyMatch((p) -> p.contains("001_create_tasks.sql has changed"));
		assertThat(migrator.info().problems()).anyMatch((p) -> p.contains("001_create_tasks.sql has changed"));
	}

	// An edit that keeps size and time passes the start's index check; validate reads the file and finds it.
	@Test
	void validateReadsTheListedFilesEvenWhereTheIndexLooksFresh() throws Exception {
		writeIndex();
		indexed(new NoFolderListing(this.classes)).migrate();
		Path file = this.migrations.resolve("001_create_tasks.sql");
		FileTime before = Files.getLastModifiedTime(file);
		Files.writeString(file, FIRST_CHANGED, StandardCharsets.UTF_8);
		Files.setLastModifiedTime(file, before);

		assertThat(indexed(new NoFolderListing(this.classes)).migrate().isEmpty()).isTrue();
		assertThatThrownBy(indexed(new NoFolderListing(this.classes))::validate).isInstanceOf(ValidationException.class)
			.hasMessageContaining("001_create_tasks.sql has changed");
	}

	// The trade-off stated in SPRING-BOOT.md: the set of migrations is the one the build indexed.
	@Test
	void aFileAddedAfterTheIndexWasWrittenIsNotSeen() throws Exception {
		writeIndex();
		Files.writeString(this.migrations.resolve("003_later.sql"), "CREATE TABLE later (id INTEGER);");

		assertThat(indexed(new NoFolderListing(this.classes)).migrate().migrations()).hasSize(2);
	}

	@Test
	void aListedFileThatIsGoneIsNamedWithWhatToDo() throws Exception {
		writeIndex();
		Files.delete(this.migrations.resolve("002_add_done.sql"));

		assertThatThrownBy(indexed(new NoFolderListing(this.classes))::migrate).isInstanceOf(MigratorException.class)
			.hasMessageContaining("db/aot/002_add_done.sql: is listed by the migration index " + INDEX
					+ " but is not on the class path; build the application again");
	}

	@Test
	void aMissingIndexIsAnErrorNotASilentScan() throws IOException {
		assertThatThrownBy(indexed(new NoFolderListing(this.classes))::migrate).isInstanceOf(MigratorException.class)
			.hasMessageContaining("The migration index " + INDEX + " that lists the migration files is not on the class path");
	}

	@Test
	void aLocationTheIndexDoesNotCoverIsListedAsUsual() throws Exception {
		writeIndex();
		Path other = Files.createDirectories(this.dir.resolve("other"));
		Files.writeString(other.resolve("003_other.sql"), "CREATE TABLE other (id INTEGER);");
		NoFolderListing loader = new NoFolderListing(this.classes);

		assertThat(configure(loader).locations("classpath:db/aot", "filesystem:" + other).locationIndex(INDEX).load()
			.migrate().migrations()).hasSize(3);
	}

	// as in a Spring Boot jar: the entries are read by name from the jar, the index built into it
	@Test
	void migratesFromAJarWithItsIndexWithoutListingAFolder() throws Exception {
		writeIndex();
		Path jar = this.dir.resolve("app.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			for (String name : List.of(INDEX, "db/aot/001_create_tasks.sql", "db/aot/002_add_done.sql")) {
				out.putNextEntry(new JarEntry(name));
				out.write(Files.readAllBytes(this.classes.resolve(name)));
				out.closeEntry();
			}
		}
		NoFolderListing loader = new NoFolderListing(jar);

		assertThat(indexed(loader).migrate().migrations()).hasSize(2);
		assertThat(indexed(loader).migrate().isEmpty()).isTrue();
		assertThat(loader.asked).doesNotContain("db/aot");
	}

	@Test
	void anIndexTwiceOnTheClassPathOrOfAnotherVersionIsRefusedSayingToBuildAgain() throws Exception {
		writeIndex();
		Path copy = Files.createDirectories(this.dir.resolve("copy"));
		Files.createDirectories(copy.resolve(INDEX).getParent());
		Files.copy(this.classes.resolve(INDEX), copy.resolve(INDEX));
		try (URLClassLoader twice = new URLClassLoader(new URL[] { this.classes.toUri().toURL(), copy.toUri().toURL() },
				getClass().getClassLoader())) {
			assertThatThrownBy(configure(twice).locationIndex(INDEX).load()::migrate).isInstanceOf(MigratorException.class)
				.hasMessageContaining("The migration index " + INDEX + " that lists the migration files is on the class path 2"
						+ " times: [");
		}
		Files.writeString(this.classes.resolve(INDEX), "migrator-index 1\nlocation\tclasspath:db/aot\n");

		assertThatThrownBy(indexed(new NoFolderListing(this.classes))::migrate).isInstanceOf(MigratorException.class)
			.hasMessageContaining("is not one this version of Migrator reads (it expects 'migrator-index 2'); build the"
					+ " application again with this version");
	}

	@Test
	void noIndexIsWrittenForALocationThatNamesTheVendorNorWhereAFileStandsInTheWay() throws Exception {
		Migrator.Builder vendorLocation = Migrator.configure().url("jdbc:sqlite::memory:").locations("filesystem:" + this.dir + "/{vendor}");
		Path notAFolder = Files.writeString(this.dir.resolve("classes.txt"), "a file");

		assertThatThrownBy(() -> MigrationIndex.render(vendorLocation.configuration())).isInstanceOf(MigratorException.class)
			.hasMessageStartingWith("The migration index was not written, the migrations have problems: Location filesystem:"
					+ this.dir + "/{vendor} names the database vendor, and no database is known here");
		assertThatThrownBy(() -> MigrationIndex.write(configure(getClass().getClassLoader()).configuration(), notAFolder))
			.isInstanceOf(MigratorException.class)
			.hasMessageStartingWith("Could not write the migration index " + notAFolder.resolve(MigrationIndex.RESOURCE));
		assertThat(notAFolder).hasContent("a file");
	}

	@Test
	void aFileNamedLikeAMigrationButNotSqlIsStillWarnedOfWhenTheIndexListsTheFiles() throws Exception {
		Files.writeString(this.migrations.resolve("003_add_owner.sq"), "ALTER TABLE tasks ADD COLUMN owner TEXT;");
		writeIndex();

		assertThat(indexed(new NoFolderListing(this.classes)).migrate().warnings())
			.singleElement()
			.satisfies((w) -> assertThat(w).endsWith("003_add_owner.sq: is not a .sql file, so it is not a migration and"
					+ " was ignored; if it is one, rename it to end in .sql"));
	}

	/** A class loader that, like a native image, cannot list a folder: asking for one fails the test. */
	static final class NoFolderListing extends URLClassLoader {

		final List<String> asked = new ArrayList<>();

		NoFolderListing(Path root) throws IOException {
			super(new URL[] { root.toUri().toURL() }, LocationIndexTest.class.getClassLoader());
		}

		@Override
		public Enumeration<URL> getResources(String name) throws IOException {
			this.asked.add(name);
			if (name.startsWith("db/") && !name.endsWith(".sql")) {
				throw new AssertionError("listed the folder " + name);
			}
			return super.getResources(name);
		}

	}

}
