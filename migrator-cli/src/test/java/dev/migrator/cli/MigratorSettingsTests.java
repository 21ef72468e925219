package dev.migrator.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The command line's settings as another surface (the Maven plugin) reads them: its words, its folder. */
class MigratorSettingsTests {

	@TempDir
	Path folder;

	private MigratorSettings read(Map<String, String> given, Path configFile, Map<String, String> environment) {
		return MigratorSettings.read(given, configFile, null, environment, this.folder, (key) -> "<" + key + ">",
				"<configFile>", "<profile>", "classpath:db/migration");
	}

	@Test
	void aBadValueNamesTheSurfacesParameterNotTheCommandLinesOption() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> read(Map.of("migrator.lock.wait-timeout", "soon"), null, Map.of()))
			.withMessage("'soon' (from <migrator.lock.wait-timeout>) is not a duration: use e.g. 500ms, 30s, 2m, 1h or PT2M");
		assertThatIllegalArgumentException().isThrownBy(() -> read(Map.of(), this.folder.resolve("nope.properties"), Map.of()))
			.withMessageContaining("(from <configFile>) does not exist");
	}

	@Test
	void relativePathsStartFromTheSurfacesFolderWhereverTheProcessRuns() throws Exception {
		Files.createDirectories(this.folder.resolve("migrations"));
		MigratorSettings settings = read(Map.of("migrator.locations", "migrations,classpath:db/extra"), null, Map.of());

		assertThat(settings.locations()).containsExactly("filesystem:" + this.folder.resolve("migrations"), "classpath:db/extra");
		assertThat(settings.folders()).containsExactly(this.folder.resolve("migrations"));
		assertThat(settings.locationsOrigin()).isEqualTo("<migrator.locations>");
	}

	@Test
	void givenValuesWinOverTheEnvironmentWhichWinsOverTheFileAndTheDefaultIsTheSurfaces() throws Exception {
		Path file = Files.writeString(this.folder.resolve("application.properties"),
				"spring.datasource.url=jdbc:sqlite:file.db\nmigrator.locatons=typo\n");

		MigratorSettings fromFile = read(Map.of(), file, Map.of());
		assertThat(fromFile.url()).isEqualTo("jdbc:sqlite:file.db");
		assertThat(fromFile.locations()).containsExactly("classpath:db/migration");
		assertThat(fromFile.locationsOrigin()).isEqualTo("the default");
		assertThat(fromFile.warnings()).singleElement().asString().contains("did you mean migrator.locations?");

		assertThat(read(Map.of(), file, Map.of("MIGRATOR_URL", "jdbc:sqlite:env.db")).url()).isEqualTo("jdbc:sqlite:env.db");
		assertThat(read(Map.of("migrator.url", "jdbc:sqlite:given.db"), file, Map.of("MIGRATOR_URL", "jdbc:sqlite:env.db")).url())
			.isEqualTo("jdbc:sqlite:given.db");
	}

	@Test
	void anUnknownKeyIsRefusedWithTheNearestOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> read(Map.of("migrator.lock.wait-timout", "1s"), null, Map.of()))
			.withMessage("migrator.lock.wait-timout is not a setting; did you mean migrator.lock.wait-timeout?");
	}

	@Test
	void createWritesTheNextNumberedFilesIntoTheFirstFolder() throws Exception {
		Path first = Files.createDirectories(this.folder.resolve("a"));
		Path second = Files.createDirectories(this.folder.resolve("b"));
		Files.writeString(second.resolve("007_old.sql"), "SELECT 1;");

		List<Path> written = MigratorSettings.createMigration(List.of(first, second), "add tags");

		assertThat(written).extracting((p) -> p.getFileName().toString())
			.containsExactly("008_add_tags.sql", "008_add_tags.down.sql", "008_add_tags.verify.sql");
		assertThat(written).allMatch((p) -> p.getParent().equals(first));
	}

	@Test
	void withUrlKeepsEverythingElse() {
		MigratorSettings settings = read(Map.of("migrator.url", "jdbc:sqlite:a.db", "migrator.user", "app"), null, Map.of());

		MigratorSettings moved = settings.withUrl("jdbc:sqlite:/abs/a.db");

		assertThat(moved.url()).isEqualTo("jdbc:sqlite:/abs/a.db");
		assertThat(moved.locations()).isEqualTo(settings.locations());
		assertThat(moved.toString()).contains("user=app");
	}

}
