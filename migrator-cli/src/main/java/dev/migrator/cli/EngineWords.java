package dev.migrator.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine speaks to Java callers ({@code rollbackTo(001)}, {@code outOfOrder(true)}); an operator
 * at the command line needs the command or option instead. Every phrase of the engine's messages
 * that names its Java API is here with its command-line words; EngineWordsTests holds one engine
 * message per phrase, so a phrase the engine adds without an entry here is noticed.
 */
final class EngineWords {

	// engine phrase (a regular expression) -> the command line's words; applied in order
	private static final Map<Pattern, String> PHRASES = new LinkedHashMap<>();

	static {
		phrase("rollbackTo\\(\"?([^\")]*)\"?\\)", "'migrator rollback --to $1'");
		phrase("rollback\\((\\d+)\\)", "'migrator rollback --steps $1'");
		phrase("repair\\(\\)", "'migrator repair'");
		phrase("backups\\(\\)", "'migrator backups'");
		// the command line has no info command: status shows what the history records
		phrase("\\binfo\\(\\)", "'migrator status'");
		phrase("restore\\(id\\)", "'migrator restore ID'");
		phrase("restore\\(\"([^\"]*)\"\\)", "'migrator restore $1'");
		phrase("baseline\\(\"([^\"]*)\"\\)", "'migrator baseline --version $1'");
		phrase("outOfOrder\\(true\\)", "--out-of-order (or migrator.out-of-order=true)");
		phrase("ignoreMissingMigrations\\(true\\)", "--ignore-missing (or migrator.ignore-missing-migrations=true)");
		phrase("failOnStrayFiles\\(true\\)", "--fail-on-stray-files (or migrator.fail-on-stray-files=true)");
		phrase("\\(allowDataLoss\\)", "(--allow-data-loss)");
		phrase("allowDataLoss", "--allow-data-loss");
		phrase("\\(allowEmptyDown\\)", "(--allow-empty-down)");
		phrase("allowEmptyDown", "--allow-empty-down");
		phrase("[Uu]se PER_MIGRATION", "use --transaction per-migration");
		phrase("[Tt]ransaction mode ALL", "--transaction all");
		phrase("dataSource is required: call dataSource\\(\\.\\.\\.\\) or url\\(\\.\\.\\.\\) on the builder", "no database given: use --url (or migrator.url)");
		phrase("\\(the error is in [\\w.]+\\)", "('migrator log --failed' shows the error)");
		phrase("migrator\\.table=(\\w+), CLI --table, Builder\\.table\\(\\.\\.\\.\\)", "--table $1, or migrator.table=$1");
		phrase("migrator\\.placeholders\\.(\\S+) \\(Builder\\.placeholders\\(\\.\\.\\.\\)\\)",
				"--placeholder $1=VALUE (or migrator.placeholders.$1)");
		phrase("\\(Builder\\.placeholders\\(\\.\\.\\.\\)\\)", "(--placeholder NAME=VALUE)");
		phrase("Builder\\.adopt\\(\"([\\w-]*)\"\\)", "--adopt $1");
		phrase("tool \"([^\"]*)\" names no convention MigrationFolder\\.convert reads", "--from $1 names no convention convert reads");
		phrase("did you mean tool \"([\\w-]+)\"\\?", "did you mean --from $1?");
		phrase("Give tool \"([\\w-]+)\", or pass null as the tool", "Run with --from $1, or leave --from out");
		phrase("pass null as the tool", "leave --from out");
		phrase("give a new folder, or empty this one", "give a new folder with --to, or empty this one");
		phrase("A conversion never writes", "convert never writes");
		phrase("then migrate again", "then 'migrator migrate' again");
		phrase("and migrate again", "and 'migrator migrate' again");
	}

	private EngineWords() {
	}

	private static void phrase(String engine, String cli) {
		PHRASES.put(Pattern.compile(engine), cli);
	}

	/** The text with each engine phrase in the command line's words; null stays null. */
	static String translate(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String translated = text;
		for (Map.Entry<Pattern, String> phrase : PHRASES.entrySet()) {
			Matcher matcher = phrase.getKey().matcher(translated);
			if (matcher.find()) {
				translated = matcher.replaceAll(phrase.getValue().replace("\\", "\\\\"));
			}
		}
		return translated;
	}

}
