package dev.migrator.core.internal.resolve;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.migrator.core.api.ClosestName;
import dev.migrator.core.api.Configuration;
import dev.migrator.core.api.FolderConversion;
import dev.migrator.core.api.MigrationType;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.ScriptedMigration;

/**
 * Rewrites a folder of another tool's migrations into Migrator's own convention, in a new folder:
 * {@code <version>_<description>.sql} with {@code .down.sql} and {@code .verify.sql} beside it, each
 * holding the text the engine reads from the old folder (so an up keeps its checksum), with a leading
 * description or directive line only where the new name and text would not say the same. The new
 * folder is then read back and compared with the old one; a difference removes what was written.
 */
public final class FolderConverter {

	/** The tools whose folders are converted, by the name {@code --from} takes. */
	private static final Map<String, Convention> TOOLS = new LinkedHashMap<>();

	static {
		TOOLS.put("flyway", Convention.FLYWAY);
		TOOLS.put("golang-migrate", Convention.GOLANG_MIGRATE);
		TOOLS.put("diesel", Convention.DIESEL);
		TOOLS.put("dbmate", Convention.DBMATE);
		TOOLS.put("goose", Convention.GOOSE);
		TOOLS.put("sql-migrate", Convention.SQL_MIGRATE);
		TOOLS.put("liquibase-sql", Convention.LIQUIBASE_SQL);
	}

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}\\s]+)}");

	private static final Pattern BLOCK_MARKER = Pattern.compile("(?im)^\\s*--\\s*\\+(goose|migrate)\\s+statement(begin|end)\\s*$");

	/** Characters a file name cannot hold on some system, or that would change how it is read. */
	private static final Pattern UNSAFE_IN_NAME = Pattern.compile("[\\\\/:*?\"<>|\\s]+");

	private FolderConverter() {
	}

	/** The names {@code --from} takes. */
	public static List<String> tools() {
		return List.copyOf(TOOLS.keySet());
	}

	/** The folder's migrations as the engine reads them, placeholders as written. */
	public static List<ScriptedMigration> read(Configuration configuration) {
		return read(configuration, null).migrations;
	}

	/**
	 * Converts {@code from} (read through {@code fromConfiguration}) into the new folder {@code to}.
	 * @param tool the convention {@code from} must be in, or null to take the one found
	 */
	public static FolderConversion convert(Path from, Configuration fromConfiguration, String tool, Path to,
			Configuration toConfiguration) {
		Convention wanted = wanted(tool);
		if (!Files.isDirectory(from)) {
			throw new MigratorException(from + " is not a folder; give the folder of migrations to convert");
		}
		Path target = to.toAbsolutePath().normalize();
		if (target.startsWith(from.toAbsolutePath().normalize())) {
			throw new MigratorException(to + " is inside " + from + ", where its files would be read as migrations of the"
					+ " old folder; write the new folder beside it, e.g. " + defaultTarget(from));
		}
		if (!isEmptyOrAbsent(to)) {
			throw new MigratorException(to + " exists and is not empty; nothing was written. A conversion never writes into"
					+ " a folder that holds files: give a new folder, or empty this one");
		}
		Read old = read(fromConfiguration, from);
		if (old.migrations.isEmpty()) {
			throw new MigratorException("No migrations found in " + from + "; nothing was written");
		}
		if (old.convention == Convention.MIGRATOR) {
			throw new MigratorException(from + " is in Migrator's own convention already (e.g. " + old.example
					+ "); there is nothing to convert");
		}
		if (wanted != null && old.convention != wanted) {
			throw new MigratorException(from + " holds " + old.convention.displayName() + " migrations (e.g. " + old.example
					+ ": " + old.convention.naming() + "), not " + wanted.displayName() + "'s (" + wanted.naming()
					+ "); nothing was written. Give tool \"" + key(old.convention) + "\", or pass null as the tool to take"
					+ " the convention found");
		}
		FolderWriter writer = new FolderWriter(target);
		try {
			for (ResolvedMigration migration : old.resolved) {
				writer.write(migration);
			}
			Read back = read(toConfiguration, null);
			List<String> differences = differences(old, back);
			if (!differences.isEmpty()) {
				throw new MigratorException("The converted folder does not read the same as " + from + ", so it was removed"
						+ " again; please report this with the files named:\n - " + String.join("\n - ", differences));
			}
			return new FolderConversion(old.convention.displayName(), from, to, old.migrations.size(), writer.downs(),
					writer.emptyDowns(), changedChecksums(old, back), notes(old, from, writer, changedChecksums(old, back)),
					writer.written());
		}
		catch (RuntimeException ex) {
			writer.removeWritten();
			throw ex;
		}
	}

	/** Where the new folder goes when none is given: beside the old one, named after it. */
	public static Path defaultTarget(Path from) {
		Path absolute = from.toAbsolutePath().normalize();
		Path name = absolute.getFileName();
		return absolute.resolveSibling(((name != null) ? name.toString() : "migrations") + "-migrator");
	}

	private static Convention wanted(String tool) {
		if (tool == null) {
			return null;
		}
		Convention convention = TOOLS.get(tool.toLowerCase(Locale.ROOT));
		if (convention == null) {
			String near = ClosestName.near(tool, TOOLS.keySet());
			throw new MigratorException("tool \"" + tool + "\" names no convention MigrationFolder.convert reads"
					+ ((near != null) ? "; did you mean tool \"" + near + "\"?" : ".") + " It reads "
					+ String.join(", ", TOOLS.keySet()) + "; pass null as the tool to take the convention found");
		}
		return convention;
	}

	private static String key(Convention convention) {
		return TOOLS.entrySet().stream().filter((e) -> e.getValue() == convention).map(Map.Entry::getKey).findFirst()
			.orElse(convention.displayName());
	}

	private static boolean isEmptyOrAbsent(Path folder) {
		if (!Files.exists(folder)) {
			return true;
		}
		if (!Files.isDirectory(folder)) {
			return false;
		}
		try (Stream<Path> entries = Files.list(folder)) {
			return entries.findAny().isEmpty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** What one reading of a folder gave. */
	private record Read(Convention convention, String example, List<ResolvedMigration> resolved,
			List<ScriptedMigration> migrations, List<String> warnings) {
	}

	private static Read read(Configuration configuration, Path folder) {
		Resolution resolution = new MigrationResolver(configuration).asWritten().resolve();
		Convention convention = Stream.of(Convention.values())
			.filter((c) -> c.displayName().equals(resolution.convention()))
			.findFirst()
			.orElse(Convention.MIGRATOR);
		List<ResolvedMigration> sql = resolution.migrations().stream().filter((m) -> m.type() == MigrationType.SQL).toList();
		String example = sql.isEmpty() ? null : relative(folder, sql.get(0).script());
		return new Read(convention, example, sql, sql.stream().map(FolderConverter::scripted).toList(),
				resolution.warnings());
	}

	private static String relative(Path folder, String script) {
		if (folder == null) {
			return script;
		}
		Path path = Path.of(script);
		Path base = folder.toAbsolutePath().normalize();
		return path.toAbsolutePath().normalize().startsWith(base) ? base.relativize(path.toAbsolutePath().normalize()).toString()
				: script;
	}

	private static ScriptedMigration scripted(ResolvedMigration migration) {
		return new ScriptedMigration(migration.version().toString(), migration.description(), script(migration.up()),
				script(migration.down()), script(migration.verify()));
	}

	private static ScriptedMigration.Script script(SqlScript script) {
		if (script == null) {
			return null;
		}
		String text = text(script);
		return new ScriptedMigration.Script(script.name(), text, script.transactional(), script.lockTimeout(),
				script.statementTimeout(), ScriptText.hasSql(text));
	}

	/** A script's text; a large one's is read from its file. */
	static String text(SqlScript script) {
		if (!script.streamed()) {
			return script.sql();
		}
		try (Reader reader = script.open()) {
			StringBuilder text = new StringBuilder();
			char[] buffer = new char[8192];
			for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
				text.append(buffer, 0, n);
			}
			return text.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + script.name() + ": " + ex.getMessage(), ex);
		}
	}

	/** A description as file-name words: runs of spaces and unsafe characters become one underscore. */
	static String fileWords(String description) {
		String words = UNSAFE_IN_NAME.matcher(description.strip()).replaceAll("_");
		return words.isEmpty() ? "migration" : words;
	}

	/** Every way the new folder reads differently from the old one; none when the conversion is right. */
	private static List<String> differences(Read old, Read back) {
		List<String> differences = new ArrayList<>();
		if (back.convention != Convention.MIGRATOR) {
			differences.add("the new folder reads as " + back.convention.displayName() + ", not Migrator's own convention");
		}
		if (old.resolved.size() != back.resolved.size()) {
			differences.add(old.resolved.size() + " migrations before, " + back.resolved.size() + " after");
			return differences;
		}
		for (int i = 0; i < old.resolved.size(); i++) {
			ResolvedMigration before = old.resolved.get(i);
			ResolvedMigration after = back.resolved.get(i);
			String where = before.script() + " (version " + before.version() + ")";
			if (!before.version().toString().equals(after.version().toString())) {
				differences.add(where + ": version " + after.version() + " after");
				continue;
			}
			// a migration named without a description (Flyway's V1__ .sql) gets one from its new name: nothing is lost
			if (!before.description().isBlank() && !before.description().equals(after.description())) {
				differences.add(where + ": described '" + after.description() + "' after, '" + before.description() + "' before");
			}
			if (!Objects.equals(before.prerequisites().describe(), after.prerequisites().describe())) {
				differences.add(where + ": prerequisites differ");
			}
			compare(where + " up", before.up(), after.up(), differences);
			compare(where + " down", before.down(), after.down(), differences);
			compare(where + " verify", before.verify(), after.verify(), differences);
		}
		return differences;
	}

	private static void compare(String where, SqlScript before, SqlScript after, List<String> differences) {
		if (before == null || after == null) {
			if (before != after) {
				differences.add(where + ": " + ((before == null) ? "added" : "lost"));
			}
			return;
		}
		if (!body(text(before)).equals(body(text(after)))) {
			differences.add(where + ": the SQL differs");
		}
		if (before.transactional() != after.transactional()) {
			differences.add(where + ": " + (before.transactional() ? "ran in a transaction" : "ran without one") + " before");
		}
		if (!Objects.equals(before.lockTimeout(), after.lockTimeout())
				|| !Objects.equals(before.statementTimeout(), after.statementTimeout())) {
			differences.add(where + ": the timeout directives differ");
		}
	}

	/** The text from its first line that is neither blank nor a comment: the SQL, past any header. */
	static String body(String text) {
		int start = 0;
		while (start < text.length()) {
			int end = start;
			while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
				end++;
			}
			String line = text.substring(start, end).strip();
			if (!line.isEmpty() && !line.startsWith("--")) {
				break;
			}
			start = (end + 1 < text.length() && text.charAt(end) == '\r' && text.charAt(end + 1) == '\n') ? end + 2 : end + 1;
		}
		return (start >= text.length()) ? "" : text.substring(start);
	}

	private static int changedChecksums(Read old, Read back) {
		int changed = 0;
		for (int i = 0; i < old.resolved.size() && i < back.resolved.size(); i++) {
			if (!Objects.equals(old.resolved.get(i).checksum(), back.resolved.get(i).checksum())) {
				changed++;
			}
		}
		return changed;
	}

	private static List<String> notes(Read old, Path from, FolderWriter writer, int checksumsChanged) {
		List<String> notes = new ArrayList<>();
		Convention convention = old.convention;
		if ((convention == Convention.GOOSE || convention == Convention.SQL_MIGRATE) && holdsBlockMarkers(from)) {
			notes.add(convention.displayName() + " StatementBegin/StatementEnd blocks kept as one statement each (Migrator's"
					+ " splitter knows dollar quotes and BEGIN ... END); their marker lines are left as empty comments (--)");
		}
		if (convention == Convention.LIQUIBASE_SQL) {
			notes.add("each changeset is a migration of its own, version <file>.<changeset>; its --rollback lines are its"
					+ " .down.sql (left as empty comments (--) in the up), and its description author:id is the up's first"
					+ " line, so migrator.adopt=liquibase still matches the changesets");
		}
		if (writer.withoutTransaction() > 0) {
			notes.add(writer.withoutTransaction() + ((writer.withoutTransaction() == 1) ? " script runs" : " scripts run")
					+ " without a transaction, as in " + convention.displayName() + ": each starts with -- migrator:"
					+ ScriptText.NO_TRANSACTION);
		}
		Set<String> placeholders = new LinkedHashSet<>();
		for (ScriptedMigration migration : old.migrations) {
			for (ScriptedMigration.Script script : new ScriptedMigration.Script[] { migration.up(), migration.down() }) {
				if (script != null && script.sql().contains("${")) {
					Matcher matcher = PLACEHOLDER.matcher(script.sql());
					while (matcher.find()) {
						placeholders.add(Path.of(script.file()).getFileName() + " ${" + matcher.group(1) + "}");
					}
				}
			}
		}
		if (!placeholders.isEmpty()) {
			notes.add("placeholders kept as written (" + String.join(", ", placeholders) + "): Migrator replaces ${...}"
					+ " only in Flyway-named files, so write the values into the new files, or keep the Flyway folder"
					+ " (migrator.placeholders.*)");
		}
		if (writer.emptyDowns() > 0) {
			notes.add(writer.emptyDowns() + " empty " + ((writer.emptyDowns() == 1) ? "down is kept as it is" : "downs are kept as"
					+ " they are") + ": \"nothing to undo\"; a rollback through one is refused unless allowed (--allow-empty-down)");
		}
		if (checksumsChanged > 0) {
			notes.add(checksumsChanged + ((checksumsChanged == 1) ? " up has a line added (a description or directive), so its"
					+ " checksum differs" : " ups have a line added (a description or directive), so their checksums differ")
					+ " from those a history taken from " + from + " holds: after"
					+ " switching a database to the new folder, run 'migrator repair' once to record the new checksums");
		}
		old.warnings.forEach((warning) -> notes.add("as before: " + warning));
		return notes;
	}

	private static boolean holdsBlockMarkers(Path folder) {
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter((f) -> f.toString().endsWith(".sql") && Files.isRegularFile(f)).anyMatch((f) -> {
				try {
					return BLOCK_MARKER.matcher(Files.readString(f, StandardCharsets.UTF_8)).find();
				}
				catch (IOException ex) {
					return false;
				}
			});
		}
		catch (IOException ex) {
			return false;
		}
	}

}
