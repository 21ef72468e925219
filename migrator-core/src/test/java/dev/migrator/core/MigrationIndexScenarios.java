package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.InfoResult;
import dev.migrator.core.api.MigrationInfo;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.api.ValidationException;

/**
 * The build-time migration index on every engine: an up-to-date start that trusts it, and every way
 * it must not be trusted (a changed, added or removed file, other locations, a row the log says was
 * applied), each detected as without an index.
 */
abstract class MigrationIndexScenarios {

	private static final String FIRST = "CREATE TABLE tasks (id INTEGER PRIMARY KEY, title VARCHAR(100) NOT NULL);";

	/** The same size as {@link #FIRST}: a changed file that a size check alone would miss. */
	private static final String FIRST_CHANGED = "CREATE TABLE tasks (id INTEGER PRIMARY KEY, title VARCHAR(200) NOT NULL);";

	@TempDir
	Path dir;

	DatabaseFixture fx;

	/** The class-path root the index is written below. */
	Path classes;

	abstract DatabaseFixture fixture(Path dir) throws Exception;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = fixture(this.dir);
		this.classes = Files.createDirectories(this.dir.resolve("classes"));
		this.fx.write("001_create_tasks.sql", FIRST)
			.write("002_add_done.sql", "ALTER TABLE tasks ADD COLUMN done INTEGER NOT NULL DEFAULT 0;")
			.write("2.10_seed.sql", "INSERT INTO tasks (id, title) VALUES (1, 'one');");
	}

	/** A migrator whose class loader sees the index below {@link #classes}, when one was written. */
	private Migrator indexed() throws Exception {
		URLClassLoader loader = new URLClassLoader(new URL[] { this.classes.toUri().toURL() },
				getClass().getClassLoader());
		return this.fx.configure().classLoader(loader).load();
	}

	private Path writeIndex() {
		return MigrationIndex.write(this.fx.configure().configuration(), this.classes);
	}

	/** Rewrites a file with other content of the same size and a later modification time. */
	private void change(String name, String content) throws Exception {
		Path file = this.fx.migrations.resolve(name);
		FileTime before = Files.getLastModifiedTime(file);
		Files.writeString(file, content, StandardCharsets.UTF_8);
		Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 5_000));
	}

	@Test
	void indexedStartIsUpToDateWithTheCurrentVersion() throws Exception {
		this.fx.migrator().migrate();
		Path index = writeIndex();

		RunResult again = indexed().migrate();

		assertThat(index).exists().isRegularFile();
		assertThat(Files.readString(index)).contains("001_create_tasks.sql");
		assertThat(again.isEmpty()).isTrue();
		assertThat(again.currentVersion()).hasToString("2.10");
		assertThat(again.previousVersion()).hasToString("2.10");
	}

	@Test
	void changedFileIsDetectedOnEveryStartPathWithAndWithoutTheIndex() throws Exception {
		this.fx.migrator().migrate();
		writeIndex();
		change("001_create_tasks.sql", FIRST_CHANGED);

		for (Migrator migrator : new Migrator[] { this.fx.migrator(), indexed() }) {
			// the up-to-date check alone (the CLI's migrate asks it before planning) does not call it up to date
			assertThat(migrator.migrateIfUpToDate()).isEmpty();
			assertThatThrownBy(migrator::migrate).isInstanceOf(ValidationException.class)
				.hasMessageContaining("001_create_tasks.sql has changed since it was applied");
			assertThat(migrator.status().problems()).anyMatch((p) -> p.contains("001_create_tasks.sql has changed"));
			assertThat(migrator.info().problems()).anyMatch((p) -> p.contains("001_create_tasks.sql has changed"));
			assertThatThrownBy(migrator::validate).isInstanceOf(ValidationException.class)
				.hasMessageContaining("001_create_tasks.sql has changed");
		}
	}

	/**
	 * The trade-off stated in BENCHMARKS.md: an edit that keeps a file's size and modification time
	 * passes the start's index check, and validate, which always reads the files, still finds it.
	 */
	@Test
	void validateReadsTheFilesEvenWhereTheIndexLooksFresh() throws Exception {
		this.fx.migrator().migrate();
		writeIndex();
		Path file = this.fx.migrations.resolve("001_create_tasks.sql");
		FileTime before = Files.getLastModifiedTime(file);
		Files.writeString(file, FIRST_CHANGED, StandardCharsets.UTF_8);
		Files.setLastModifiedTime(file, before);

		assertThat(indexed().migrate().isEmpty()).isTrue();
		assertThatThrownBy(indexed()::validate).isInstanceOf(ValidationException.class)
			.hasMessageContaining("001_create_tasks.sql has changed");
	}

	@Test
	void statusFromTheIndexShowsWhatStatusFromTheFilesShows() throws Exception {
		this.fx.write("3_add_notes.sql", "ALTER TABLE tasks ADD COLUMN notes VARCHAR(100);\n\n-- migrate:down\n"
				+ "ALTER TABLE tasks DROP COLUMN notes;");
		this.fx.migrator().migrate();
		this.fx.write("4_pending.sql", "CREATE TABLE later (id INTEGER);");
		writeIndex();

		InfoResult fromIndex = indexed().status();
		InfoResult fromFiles = this.fx.migrator().status();

		assertThat(fromIndex).isEqualTo(fromFiles);
		assertThat(fromIndex.pending()).extracting((m) -> m.version().toString()).containsExactly("4");
		assertThat(fromIndex.applied()).filteredOn(MigrationInfo::rollbackAvailable)
			.extracting((m) -> m.version().toString())
			.containsExactly("3");
	}

	/**
	 * Proof that status takes the index's way while it is fresh: an edit that keeps size and modification
	 * time (the trade-off BENCHMARKS.md states) is not seen there; without the index, and once the edit
	 * touches the modification time, status reads the files and reports it.
	 */
	@Test
	void statusUsesTheIndexOnlyWhileItIsFresh() throws Exception {
		this.fx.migrator().migrate();
		writeIndex();
		Path file = this.fx.migrations.resolve("001_create_tasks.sql");
		FileTime before = Files.getLastModifiedTime(file);
		Files.writeString(file, FIRST_CHANGED, StandardCharsets.UTF_8);
		Files.setLastModifiedTime(file, before);

		assertThat(indexed().status().problems()).isEmpty();
		assertThat(this.fx.migrator().status().problems()).anyMatch((p) -> p.contains("001_create_tasks.sql has changed"));

		Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 5_000));
		assertThat(indexed().status().problems()).anyMatch((p) -> p.contains("001_create_tasks.sql has changed"));
	}

	@Test
	void statusWithTheIndexSeesFilesAddedAndRemovedAfterIt() throws Exception {
		this.fx.migrator().migrate();
		writeIndex();
		this.fx.write("3_add_notes.sql", "ALTER TABLE tasks ADD COLUMN notes VARCHAR(100);");

		assertThat(indexed().status().pending()).extracting((m) -> m.version().toString()).containsExactly("3");

		Files.delete(this.fx.migrations.resolve("3_add_notes.sql"));
		Files.delete(this.fx.migrations.resolve("002_add_done.sql"));
		assertThat(indexed().status().problems()).anyMatch((p) -> p.contains("002_add_done.sql")
				&& p.contains("missing from the code"));
	}

	@Test
	void statusReadsTheFilesForTheNotesOfRequiresDirectives() throws Exception {
		this.fx.write("3_add_notes.sql", "-- migrator:requires 002\nALTER TABLE tasks ADD COLUMN notes VARCHAR(100);");
		this.fx.migrator().migrate();
		writeIndex();

		assertThat(indexed().status().migrations()).filteredOn((m) -> m.version().toString().equals("3"))
			.extracting(MigrationInfo::note)
			.containsExactly("requires 002");
	}

	@Test
	void fileAddedAfterTheIndexIsApplied() throws Exception {
		this.fx.migrator().migrate();
		writeIndex();
		this.fx.write("3_add_notes.sql", "ALTER TABLE tasks ADD COLUMN notes VARCHAR(100);");

		RunResult result = indexed().migrate();

		assertThat(result.migrations()).extracting((r) -> r.version().toString()).containsExactly("3");
	}

	@Test
	void fileRemovedAfterTheIndexIsReportedMissing() throws Exception {
		this.fx.migrator().migrate();
		writeIndex();
		Files.delete(this.fx.migrations.resolve("002_add_done.sql"));

		assertThatThrownBy(indexed()::migrate).isInstanceOf(ValidationException.class)
			.hasMessageContaining("Applied migration 002")
			.hasMessageContaining("is missing from the code");
	}

	@Test
	void pendingMigrationInTheIndexIsApplied() throws Exception {
		writeIndex();

		RunResult result = indexed().migrate();

		assertThat(result.migrations()).hasSize(3);
		assertThat(indexed().migrate().isEmpty()).isTrue();
	}

	@Test
	void indexOfOtherLocationsIsIgnored() throws Exception {
		this.fx.migrator().migrate();
		Path other = Files.createDirectories(this.dir.resolve("other"));
		MigrationIndex.write(this.fx.configure().locations("filesystem:" + other).configuration(), this.classes);
		change("001_create_tasks.sql", FIRST_CHANGED);

		assertThatThrownBy(indexed()::migrate).isInstanceOf(ValidationException.class)
			.hasMessageContaining("001_create_tasks.sql has changed");
	}

	/**
	 * A row deleted by hand together with its file, the index written after: code, index and history
	 * agree, and only the log knows the migration was applied. The start must not call that up to date.
	 */
	@Test
	void rowDeletedByHandWithItsFileIsNotUpToDate() throws Exception {
		this.fx.migrator().migrate();
		Files.delete(this.fx.migrations.resolve("2.10_seed.sql"));
		this.fx.execute("DELETE FROM schema_migrations WHERE version = '2.10'");
		writeIndex();

		assertThatThrownBy(indexed()::migrate).isInstanceOf(ValidationException.class)
			.hasMessageContaining("Migration 2.10")
			.hasMessageContaining("has no row in the history table");
	}

	/**
	 * The index's way asks the log in one statement whether a migration it records as applied lost its
	 * row: a rollback after the apply (its row then removed) means nothing is lost (and the start stays on the index's way, which
	 * an edit keeping size and modification time proves: the files' way would see it); applied again and
	 * then deleted by hand with its file, it is lost, and the start says so.
	 */
	@Test
	void indexedStartHonoursTheLogsRollbacksAndFindsARowLostAfterThem() throws Exception {
		String extra = "CREATE TABLE extra (id INTEGER);\n\n-- migrate:down\nDROP TABLE extra;";
		this.fx.write("3_extra.sql", extra);
		this.fx.migrator().migrate();
		this.fx.migrator().rollback(1);
		// its rolled-back row removed too (such a row alone sends a start the full way): only the log remembers it
		this.fx.execute("DELETE FROM schema_migrations WHERE version = '3'");
		Files.delete(this.fx.migrations.resolve("3_extra.sql"));
		writeIndex();
		Path first = this.fx.migrations.resolve("001_create_tasks.sql");
		FileTime time = Files.getLastModifiedTime(first);
		Files.writeString(first, FIRST_CHANGED, StandardCharsets.UTF_8);
		Files.setLastModifiedTime(first, time);

		assertThat(indexed().migrate().currentVersion()).hasToString("2.10");
		assertThat(indexed().migrateIfUpToDate()).hasValueSatisfying((r) -> assertThat(r.isEmpty()).isTrue());

		Files.writeString(first, FIRST, StandardCharsets.UTF_8);
		Files.setLastModifiedTime(first, time);
		this.fx.write("3_extra.sql", extra);
		this.fx.migrator().migrate();
		Files.delete(this.fx.migrations.resolve("3_extra.sql"));
		this.fx.execute("DELETE FROM schema_migrations WHERE version = '3'");
		writeIndex();

		assertThat(indexed().migrateIfUpToDate()).isEmpty();
		assertThatThrownBy(indexed()::migrate).isInstanceOf(ValidationException.class)
			.hasMessageContaining("Migration 3")
			.hasMessageContaining("has no row in the history table");
	}

	/** The build: migrations and index in the classes directory, packed into a jar as the application runs it. */
	private Path jar(Path classes, String name) throws Exception {
		Path jar = this.dir.resolve(name);
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
				Stream<Path> files = Files.walk(classes)) {
			for (Path file : files.filter((f) -> !f.equals(classes)).sorted().toList()) {
				String entry = classes.relativize(file).toString().replace('\\', '/');
				// directories too, as a build writes them: a class loader finds a location by its entry
				out.putNextEntry(new JarEntry(Files.isDirectory(file) ? entry + "/" : entry));
				if (Files.isRegularFile(file)) {
					out.write(Files.readAllBytes(file));
				}
				out.closeEntry();
			}
		}
		return jar;
	}

	private Migrator fromClasspath(Path root) throws Exception {
		URLClassLoader loader = new URLClassLoader(new URL[] { root.toUri().toURL() }, getClass().getClassLoader());
		return this.fx.configure().locations("classpath:db/migration").classLoader(loader).load();
	}

	/**
	 * The index written from the classes directory (with modification times) and read from the jar
	 * (without): trusted there by name and size, so a jar rebuilt with a resized file and the old index
	 * is still caught at start, and validate reads the jar's files whatever the index says.
	 */
	@Test
	void indexPackedIntoAJarIsUsedAndAChangedFileInItIsDetected() throws Exception {
		Path scripts = Files.createDirectories(this.classes.resolve("db/migration"));
		try (Stream<Path> files = Files.list(this.fx.migrations)) {
			for (Path file : files.toList()) {
				Files.copy(file, scripts.resolve(file.getFileName()));
			}
		}
		fromClasspath(this.classes).migrate();
		MigrationIndex.write(fromClasspath(this.classes).configuration(), this.classes);
		assertThat(fromClasspath(jar(this.classes, "app.jar")).migrate().currentVersion()).hasToString("2.10");

		Files.writeString(scripts.resolve("001_create_tasks.sql"), FIRST_CHANGED, StandardCharsets.UTF_8);
		Migrator sameSize = fromClasspath(jar(this.classes, "same-size.jar"));
		assertThat(sameSize.migrate().isEmpty()).isTrue();
		assertThatThrownBy(sameSize::validate).isInstanceOf(ValidationException.class)
			.hasMessageContaining("001_create_tasks.sql has changed");

		Files.writeString(scripts.resolve("001_create_tasks.sql"), FIRST_CHANGED + "\n", StandardCharsets.UTF_8);
		assertThatThrownBy(fromClasspath(jar(this.classes, "resized.jar"))::migrate)
			.isInstanceOf(ValidationException.class)
			.hasMessageContaining("001_create_tasks.sql has changed");
	}

	/** The index agrees with the code, the history was edited by hand: the start reads the files and says what differs. */
	@Test
	void historyEditedByHandIsReportedAsWithoutTheIndex() throws Exception {
		this.fx.migrator().migrate();
		writeIndex();
		this.fx.execute("UPDATE schema_migrations SET description = 'renamed' WHERE version = '002'");
		this.fx.execute("UPDATE schema_migrations SET status = 'failed' WHERE version = '2.10'");

		assertThatThrownBy(indexed()::migrate).isInstanceOf(ValidationException.class)
			.hasMessageContaining("Migration 2.10")
			.hasMessageContaining("is partially applied");
		this.fx.execute("UPDATE schema_migrations SET status = 'applied' WHERE version = '2.10'");
		assertThat(indexed().migrate().warnings()).anyMatch((w) -> w.contains("described as 'add done'"));
		this.fx.execute("UPDATE schema_migrations SET checksum = 'edited' WHERE version = '001'");
		assertThatThrownBy(indexed()::migrate).isInstanceOf(ValidationException.class)
			.hasMessageContaining("001_create_tasks.sql has changed");
	}

	@Test
	void indexIsNotWrittenForMigrationsWithProblems() throws Exception {
		this.fx.write("3_broken.txt.sql.bak", "x").write("003_dup.sql", "SELECT 1;").write("3_dup.sql", "SELECT 1;");

		assertThatThrownBy(this::writeIndex).hasMessageContaining("Two migrations have version 3");
		assertThat(this.classes.resolve(MigrationIndex.RESOURCE)).doesNotExist();
	}

}
