package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationContext;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.ValidationException;

/**
 * When the build-time index is not to be trusted (not ours, several, written with warnings), a
 * start reads the files: shown by a file changed behind the index's back (same size, same time),
 * which only reading the files can catch. And what the index cannot be written for. On SQLite.
 */
class MigrationIndexTrustTest {

	@TempDir
	Path dir;

	private SqliteFixture fx;

	private Path classes;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SqliteFixture(this.dir);
		this.classes = Files.createDirectories(this.dir.resolve("classes"));
		this.fx.write("001_tasks.sql", "CREATE TABLE tasks (id INTEGER);");
	}

	private Migrator indexed(Path... roots) throws Exception {
		URL[] urls = new URL[roots.length];
		for (int i = 0; i < roots.length; i++) {
			urls[i] = roots[i].toUri().toURL();
		}
		return this.fx.configure().classLoader(new URLClassLoader(urls, getClass().getClassLoader())).load();
	}

	/** Other content of the same size and modification time: the index's stamps still match. */
	private void changeBehindTheIndexsBack() throws Exception {
		Path file = this.fx.migrations.resolve("001_tasks.sql");
		FileTime before = Files.getLastModifiedTime(file);
		Files.writeString(file, "CREATE TABLE tasks (ix INTEGER);", StandardCharsets.UTF_8);
		Files.setLastModifiedTime(file, before);
	}

	private Path index() {
		return MigrationIndex.write(this.fx.configure().configuration(), this.classes);
	}

	@Test
	void aTrustedIndexDoesNotSeeAChangeThatKeepsSizeAndTime() throws Exception {
		// the premise of the tests below: with a sound index, this change goes unseen
		this.fx.migrator().migrate();
		index();
		changeBehindTheIndexsBack();

		assertThat(indexed(this.classes).migrate().migrations()).isEmpty();
	}

	@Test
	void anIndexWithAnotherHeaderOrAnUnknownLineIsIgnored() throws Exception {
		this.fx.migrator().migrate();
		Path index = index();
		changeBehindTheIndexsBack();
		String text = Files.readString(index);

		Files.writeString(index, text.replaceFirst("^[^\n]*", "# some other format"));
		assertThatThrownBy(() -> indexed(this.classes).migrate()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("001_tasks.sql");

		Files.writeString(index, text + "surprise\tline\n");
		assertThatThrownBy(() -> indexed(this.classes).migrate()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("001_tasks.sql");

		// a migration line cut short (an index edited by hand, or of another version): not ours either
		Files.writeString(index, text.replaceFirst("(?m)^(migration\t[^\n]*)\t[01]$", "$1"));
		assertThat(Files.readString(index)).isNotEqualTo(text);
		assertThatThrownBy(() -> indexed(this.classes).migrate()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("001_tasks.sql");
	}

	@Test
	void anIndexCheckedOutWithWindowsLineEndingsIsStillTrusted() throws Exception {
		this.fx.migrator().migrate();
		Path index = index();
		Files.writeString(index, Files.readString(index).replace("\n", "\r\n"));
		changeBehindTheIndexsBack();

		// trusted as written: the change that keeps size and time goes unseen, as with the index as built
		assertThat(indexed(this.classes).migrate().migrations()).isEmpty();
	}

	@Test
	void aFileNameWithAPercentSignIsIndexedAndStatusShowsItAsNamed() throws Exception {
		this.fx.write("002_grow_by_10%_and_more.sql", "CREATE TABLE grown (id INTEGER);");
		this.fx.migrator().migrate("1");
		Path index = index();
		assertThat(Files.readString(index)).as("encoded in the index").contains("002_grow_by_10%25_and_more.sql");

		var pending = indexed(this.classes).status().pending();
		assertThat(pending).hasSize(1);
		assertThat(pending.get(0).script()).endsWith("/002_grow_by_10%_and_more.sql");
		assertThat(pending.get(0).description()).isEqualTo("grow by 10% and more");
		assertThat(indexed(this.classes).migrate().migrations()).hasSize(1);
		assertThat(this.fx.tables()).contains("grown");
	}

	@Test
	void twoIndexesOnTheClassPathAreBothIgnored() throws Exception {
		this.fx.migrator().migrate();
		index();
		Path other = Files.createDirectories(this.dir.resolve("other"));
		MigrationIndex.write(this.fx.configure().configuration(), other);
		changeBehindTheIndexsBack();

		assertThatThrownBy(() -> indexed(this.classes, other).migrate()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("001_tasks.sql");
	}

	@Test
	void anIndexWrittenWithAStrayFileIsIgnoredSoEveryStartWarns() throws Exception {
		// named like a migration, with another extension: a warning on every start
		this.fx.write("2_tags.txt", "CREATE TABLE tags (id INTEGER);");
		this.fx.migrator().migrate();
		index();
		changeBehindTheIndexsBack();

		assertThatThrownBy(() -> indexed(this.classes).migrate()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("001_tasks.sql");
	}

	@Test
	void noIndexIsWrittenForJavaMigrationsOrAVendorLocation() throws Exception {
		JavaMigration java = new JavaMigration() {

			@Override
			public String version() {
				return "2";
			}

			@Override
			public String description() {
				return "java";
			}

			@Override
			public void up(MigrationContext context) {
			}

		};

		assertThatThrownBy(() -> MigrationIndex.write(this.fx.configure().javaMigrations(java).configuration(), this.classes))
			.isInstanceOf(MigratorException.class)
			.hasMessage("A migration index covers SQL locations only, and Java migrations are configured;"
					+ " leave the index out (starts then read the files)");
		assertThatThrownBy(() -> MigrationIndex.write(
				this.fx.configure().locations("filesystem:" + this.fx.migrations + "/{vendor}").configuration(), this.classes))
			.isInstanceOf(MigratorException.class)
			.hasMessageContaining("The migration index was not written")
			.hasMessageContaining("/{vendor} names the database vendor");
		assertThat(this.classes.resolve(MigrationIndex.RESOURCE)).doesNotExist();
	}

}
