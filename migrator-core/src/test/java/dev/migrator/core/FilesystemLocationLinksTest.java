package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.InfoResult;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.api.ValidationException;

/**
 * {@code filesystem:} locations laid out as deployments lay them out: the location a symbolic link to
 * its folder, a Kubernetes ConfigMap mount ({@code ..data} and each file a link into it), folder links,
 * cycles, links to scripts elsewhere, dangling links; and a location that holds nothing while the
 * history says migrations were applied. Real SQLite files, real links.
 */
class FilesystemLocationLinksTest {

	private static final String ONE = "CREATE TABLE a (id INTEGER PRIMARY KEY);\n";

	private static final String TWO = "CREATE TABLE b (id INTEGER PRIMARY KEY);\n";

	@TempDir
	Path dir;

	SqliteFixture db;

	@BeforeEach
	void setUp() throws Exception {
		this.db = new SqliteFixture(this.dir);
	}

	@Test
	void aLocationThatIsALinkToItsFolderIsFollowed() throws Exception {
		Path real = folder("releases/r1", "001_a.sql", ONE, "002_b.sql", TWO);
		Path link = Files.createSymbolicLink(this.dir.resolve("current"), real);

		RunResult result = migrator("filesystem:" + link).migrate();

		assertThat(result.migrations()).hasSize(2);
		assertThat(this.db.tables()).contains("a", "b");
	}

	@Test
	void aConfigMapMountIsReadOnceThroughItsTopLevelLinks() throws Exception {
		Path mount = configMap("001_a.sql", ONE, "002_b.sql", TWO);

		RunResult result = migrator("filesystem:" + mount).migrate();

		assertThat(result.migrations()).extracting((run) -> run.version().toString()).containsExactly("001", "002");
		// each migration's script is the top-level name, not the timestamped folder's
		assertThat(result.migrations()).allSatisfy((run) -> assertThat(run.script()).doesNotContain(".."));
	}

	@Test
	void aConfigMapMountedAtALinkedLocationIsReadToo() throws Exception {
		Path mount = configMap("001_a.sql", ONE);
		Path link = Files.createSymbolicLink(this.dir.resolve("mounted"), mount);

		assertThat(migrator("filesystem:" + link).migrate().migrations()).hasSize(1);
	}

	@Test
	void aLinkedSubfolderIsReadAndTwoLinksToOneFolderReadItOnce() throws Exception {
		Path location = folder("location", "001_a.sql", ONE);
		Path shared = folder("shared", "002_b.sql", TWO);
		Files.createSymbolicLink(location.resolve("extra"), shared);
		Files.createSymbolicLink(location.resolve("extra-again"), shared);

		RunResult result = migrator("filesystem:" + location).migrate();

		assertThat(result.migrations()).extracting((run) -> run.version().toString()).containsExactly("001", "002");
	}

	@Test
	void aLinkBackUpIsACycleAndIsReadOnce() throws Exception {
		Path location = folder("location", "001_a.sql", ONE);
		Files.createDirectories(location.resolve("sub"));
		Files.writeString(location.resolve("sub/002_b.sql"), TWO);
		Files.createSymbolicLink(location.resolve("sub/loop"), location);

		RunResult result = migrator("filesystem:" + location).migrate();

		assertThat(result.migrations()).extracting((run) -> run.version().toString()).containsExactly("001", "002");
	}

	@Test
	void dotFoldersAndDotFilesAreNotMigrations() throws Exception {
		Path location = folder("location", "001_a.sql", ONE);
		Files.createDirectories(location.resolve(".git"));
		Files.writeString(location.resolve(".git/001_a.sql"), ONE);
		Files.writeString(location.resolve(".002_b.sql"), TWO);

		RunResult result = migrator("filesystem:" + location).migrate();

		assertThat(result.migrations()).extracting((run) -> run.version().toString()).containsExactly("001");
	}

	@Test
	void aScriptLinkedFromOutsideTheLocationIsReadFromItsTarget() throws Exception {
		Path outside = folder("store", "002_b.sql", TWO);
		Path location = folder("location", "001_a.sql", ONE);
		Files.createSymbolicLink(location.resolve("002_b.sql"), outside.resolve("002_b.sql"));

		RunResult result = migrator("filesystem:" + location).migrate();

		assertThat(result.migrations()).extracting((run) -> run.version().toString()).containsExactly("001", "002");
		assertThat(this.db.tables()).contains("b");
	}

	@Test
	void aDanglingScriptLinkIsAnErrorNamingItAndChangesNothing() throws Exception {
		Path location = folder("location", "001_a.sql", ONE);
		Path link = Files.createSymbolicLink(location.resolve("002_b.sql"), this.dir.resolve("gone/002_b.sql"));

		assertThatThrownBy(() -> migrator("filesystem:" + location).migrate()).isInstanceOf(MigratorException.class)
			.hasMessageContaining(link.toString())
			.hasMessageContaining("does not exist");
		assertThat(this.db.tables()).isEmpty();
	}

	@Test
	void aDanglingLocationLinkIsAnErrorSayingWhereItPoints() throws Exception {
		Path link = Files.createSymbolicLink(this.dir.resolve("current"), this.dir.resolve("releases/gone"));

		assertThatThrownBy(() -> migrator("filesystem:" + link).migrate()).isInstanceOf(MigratorException.class)
			.hasMessageContaining(link.toString())
			.hasMessageContaining("releases/gone");
		assertThat(this.db.tables()).isEmpty();
	}

	@Test
	void anEmptyLocationAfterMigrationsWereAppliedIsAnErrorNotUpToDate() throws Exception {
		Path real = folder("releases/r1", "001_a.sql", ONE);
		Path link = Files.createSymbolicLink(this.dir.resolve("current"), real);
		migrator("filesystem:" + link).migrate();
		List<String> before = this.db.dump();
		// the next release's folder was not mounted: the link now points at an empty folder
		Path empty = Files.createDirectories(this.dir.resolve("releases/r2"));
		Files.delete(link);
		Files.createSymbolicLink(link, empty);

		for (Migrator migrator : List.of(migrator("filesystem:" + link),
				Migrator.configure().url(this.db.url()).locations("filesystem:" + link).ignoreMissingMigrations(true)
					.load())) {
			assertThatThrownBy(migrator::migrate).isInstanceOf(ValidationException.class)
				.hasMessageContaining("filesystem:" + link)
				.hasMessageContaining("resolved to " + empty.toRealPath())
				.hasMessageContaining("holds no migration file");
			assertThatThrownBy(migrator::validate).isInstanceOf(ValidationException.class)
				.hasMessageContaining("holds no migration file");
			InfoResult info = migrator.info();
			assertThat(info.problems()).anySatisfy((p) -> assertThat(p).contains("holds no migration file"));
		}
		assertThat(this.db.dump()).isEqualTo(before);
	}

	@Test
	void anEmptyLocationOnANewDatabaseIsNoError() throws Exception {
		Path empty = Files.createDirectories(this.dir.resolve("empty"));

		RunResult result = migrator("filesystem:" + empty).migrate();

		assertThat(result.migrations()).isEmpty();
		assertThat(result.warnings()).anySatisfy((w) -> assertThat(w).contains("No migrations found"));
	}

	private Migrator migrator(String location) {
		return Migrator.configure().url(this.db.url()).locations(location).load();
	}

	/** A folder with the given name/content pairs. */
	private Path folder(String name, String... files) throws Exception {
		Path folder = Files.createDirectories(this.dir.resolve(name));
		for (int i = 0; i < files.length; i += 2) {
			Files.writeString(folder.resolve(files[i]), files[i + 1], StandardCharsets.UTF_8);
		}
		return folder;
	}

	/** A folder as the kubelet mounts a ConfigMap: a timestamped folder, {@code ..data} to it, each file a link. */
	private Path configMap(String... files) throws Exception {
		Path mount = Files.createDirectories(this.dir.resolve("configmap"));
		Path stamped = Files.createDirectories(mount.resolve("..2026_12_01_10_00_00.123456789"));
		Files.createSymbolicLink(mount.resolve("..data"), stamped.getFileName());
		for (int i = 0; i < files.length; i += 2) {
			Files.writeString(stamped.resolve(files[i]), files[i + 1], StandardCharsets.UTF_8);
			Files.createSymbolicLink(mount.resolve(files[i]), Path.of("..data", files[i]));
		}
		return mount;
	}

}
