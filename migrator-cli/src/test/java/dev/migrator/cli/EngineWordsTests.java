package dev.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.migrator.core.Migrator;
import dev.migrator.core.api.RunOptions;

class EngineWordsTests {

	private static final Path ENGINE_SOURCES = Path.of("../migrator-core/src/main/java");

	private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

	@Test
	void translatesEachJavaPhraseOfTheEngineIntoTheCommandLinesWords() {
		assertThat(EngineWords.translate("Target version 001 is below the current version 003; migrate only goes up:"
				+ " use rollbackTo(001)")).endsWith("use 'migrator rollback --to 001'");
		assertThat(EngineWords.translate("only 2 are applied; use rollbackTo(\"0\") to roll back all of them"))
			.contains("use 'migrator rollback --to 0' to roll back");
		assertThat(EngineWords.translate("give it a version above 003, or allow it with outOfOrder(true)"))
			.endsWith("allow it with --out-of-order (or migrator.out-of-order=true)");
		assertThat(EngineWords.translate("Restore the database from a backup (backups() lists them, restore(id) puts one back)"
				+ "; or run baseline(\"003\") to record that"))
			.isEqualTo("Restore the database from a backup ('migrator backups' lists them, 'migrator restore ID' puts one back)"
					+ "; or run 'migrator baseline --version 003' to record that");
		assertThat(EngineWords.translate("restore it by hand with restore(\"app_20260101_000000_v2.db\")"))
			.isEqualTo("restore it by hand with 'migrator restore app_20260101_000000_v2.db'");
		assertThat(EngineWords.translate("or run the rollback again allowing data loss (allowDataLoss)."))
			.isEqualTo("or run the rollback again allowing data loss (--allow-data-loss).");
		assertThat(EngineWords.translate("Write the down, roll back less, or allow it (allowEmptyDown)"))
			.isEqualTo("Write the down, roll back less, or allow it (--allow-empty-down)");
		assertThat(EngineWords.translate("restore the file, or set ignoreMissingMigrations(true)"))
			.endsWith("--ignore-missing (or migrator.ignore-missing-migrations=true)");
		assertThat(EngineWords.translate("Use PER_MIGRATION (a failure then restores the backup)"))
			.startsWith("use --transaction per-migration");
		assertThat(EngineWords.translate("failed at 2026-12-03T10:54:45Z (the error is in schema_migrations_log); fix the script"))
			.isEqualTo("failed at 2026-12-03T10:54:45Z ('migrator log --failed' shows the error); fix the script");
		assertThat(EngineWords.translate("Check the database (info() shows what is recorded), and remove the"))
			.isEqualTo("Check the database ('migrator status' shows what is recorded), and remove the");
		assertThat(EngineWords.translate("set migrator.adopt=flyway (Builder.adopt(\"flyway\")), then migrate again"))
			.isEqualTo("set migrator.adopt=flyway (--adopt flyway), then 'migrator migrate' again");
		assertThat(EngineWords.translate("with the table setting (migrator.table=migrator_history, CLI --table, Builder.table(...))"))
			.isEqualTo("with the table setting (--table migrator_history, or migrator.table=migrator_history)");
		assertThat(EngineWords.translate("V1__init.sql:3: placeholder ${owner} has no value; set migrator.placeholders.owner"
				+ " (Builder.placeholders(...))"))
			.endsWith("set --placeholder owner=VALUE (or migrator.placeholders.owner)");
		assertThat(EngineWords.translate("tool \"gose\" names no convention MigrationFolder.convert reads; did you mean tool"
				+ " \"goose\"? It reads flyway, goose; pass null as the tool to take the convention found"))
			.isEqualTo("--from gose names no convention convert reads; did you mean --from goose? It reads flyway, goose;"
					+ " leave --from out to take the convention found");
		assertThat(EngineWords.translate("nothing was written. Give tool \"goose\", or pass null as the tool to take the"
				+ " convention found"))
			.isEqualTo("nothing was written. Run with --from goose, or leave --from out to take the convention found");
		assertThat(EngineWords.translate("nothing was written. A conversion never writes into a folder that holds files:"
				+ " give a new folder, or empty this one"))
			.isEqualTo("nothing was written. convert never writes into a folder that holds files: give a new folder with"
					+ " --to, or empty this one");
		assertThat(EngineWords.translate("version 1 of app.db took 3 ms")).isEqualTo("version 1 of app.db took 3 ms");
	}

	/**
	 * Every string in the engine's sources that names a method of its public API (rollbackTo(,
	 * outOfOrder(, allowDataLoss) leaves the translation without it: a new engine message in Java
	 * words fails here until the table has its phrase.
	 */
	@Test
	void noEngineMessageKeepsAJavaMethodNameAfterTranslation() throws IOException {
		Set<String> api = new TreeSet<>();
		for (Class<?> type : List.of(Migrator.class, Migrator.Builder.class, RunOptions.class)) {
			Arrays.stream(type.getDeclaredMethods())
				.filter((m) -> Modifier.isPublic(m.getModifiers()))
				.map(Method::getName)
				.forEach(api::add);
		}
		List<String> checked = new ArrayList<>();
		try (Stream<Path> files = Files.walk(ENGINE_SOURCES)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
				Matcher literal = STRING_LITERAL.matcher(Files.readString(file));
				while (literal.find()) {
					String text = literal.group(1).replace("\\\"", "\"");
					for (String name : api) {
						// a call in prose (rollbackTo(...), repair()), or a camel-case name alone (allowDataLoss)
						// "backup(s)" is a plural, not a call
						boolean call = Pattern.compile("\\b" + name + "\\((?!s\\))").matcher(text).find();
						boolean camel = !name.equals(name.toLowerCase()) && Pattern.compile("\\b" + name + "\\b").matcher(text).find();
						if ((call || camel) && text.contains(" ")) {
							// a literal that ends inside the call is completed as the engine completes it
							String sample = text.endsWith(name + "(\"") ? text + "001\")" : text.endsWith(name + "(") ? text + "001)" : text;
							checked.add(file.getFileName() + ": " + sample);
							assertThat(EngineWords.translate(sample)).as(file + ": " + sample).doesNotContainPattern("\\b" + name + "\\((?!s\\))");
							if (camel) {
								assertThat(EngineWords.translate(sample)).as(file + ": " + sample).doesNotContainPattern("\\b" + name + "\\b");
							}
						}
					}
				}
			}
		}
		assertThat(checked).as("the scan found the engine's messages").hasSizeGreaterThan(5);
	}

}
