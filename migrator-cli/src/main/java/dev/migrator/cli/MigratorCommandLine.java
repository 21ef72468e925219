package dev.migrator.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.migrator.cli.output.JsonObject;
import dev.migrator.cli.output.MaskedOutputStream;
import dev.migrator.cli.output.SecretMask;
import dev.migrator.cli.output.Terminal;
import dev.migrator.core.Migrator;
import dev.migrator.core.api.DataLossException;
import dev.migrator.core.api.LockTimeoutException;
import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigrationListener;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.ValidationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar migrator-cli.jar <command>}: the operator's command line over the engine's
 * public API. The options here apply to every command and may stand before or after its name.
 */
@Command(name = "migrator", mixinStandardHelpOptions = true, versionProvider = MigratorCommandLine.Version.class,
		sortOptions = false, usageHelpAutoWidth = true,
		description = "Migrates database schemas safely: up and down, with a lock, backups, dry runs and verification.",
		footerHeading = "%nExit codes:%n",
		footer = { "  0  done", "  1  a migration, down, backup or restore failed, or a dry run found a failure",
				"  2  bad usage or input; nothing was changed", "  3  timed out waiting for the migration lock",
				"  4  rollback refused: it would drop data (add --allow-data-loss)",
				"  5  validation failed: code and history disagree; nothing was changed",
				"  6  could not connect to the database", "", "Settings also come from MIGRATOR_URL, MIGRATOR_USER,"
						+ " MIGRATOR_PASSWORD, MIGRATOR_LOCATIONS, ... and a --config file (migrator.url, ..., or spring.datasource.*)." })
public final class MigratorCommandLine implements Runnable {

	/**
	 * The commands, in the order the help lists them. Registered by {@link #commandLine}, not in
	 * {@code @Command(subcommands = ...)}: picocli builds the model of every command it is given
	 * (reflection over each class, the shared options copied into each), about a tenth of a second
	 * of a CLI process that runs one command.
	 */
	static final List<Class<?>> COMMANDS = List.of(StatusCommand.class, PendingCommand.class, MigrateCommand.class,
			RollbackCommand.class, ValidateCommand.class, RepairCommand.class, BaselineCommand.class,
			BackupsCommand.class, RestoreCommand.class, CreateCommand.class, ConvertCommand.class, LogCommand.class,
			VerifyCommand.class, CompletionCommand.class);

	// --password and its likely typos: --pasword, --passwd, --pwd, --pw
	private static final Pattern LOOKS_LIKE_PASSWORD = Pattern.compile("pas|pw|secret");

	@Spec
	private CommandSpec spec;

	@Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "JDBC_URL", order = 1,
			description = "The database, e.g. jdbc:sqlite:app.db (or MIGRATOR_URL).")
	private String url;

	@Option(names = "--user", scope = ScopeType.INHERIT, order = 2, description = "The database user (or MIGRATOR_USER).")
	private String user;

	@Option(names = "--password", scope = ScopeType.INHERIT, order = 3,
			description = "The password; other users can see it in the process list: prefer --password-file or MIGRATOR_PASSWORD.")
	private String password;

	@Option(names = "--password-file", scope = ScopeType.INHERIT, paramLabel = "FILE", order = 4,
			description = "A file holding the password (or MIGRATOR_PASSWORD_FILE).")
	private String passwordFile;

	@Option(names = "--locations", scope = ScopeType.INHERIT, paramLabel = "LOCATIONS", order = 5,
			description = "Comma-separated folders of migrations; a bare path is a folder (default: db/migration).")
	private String locations;

	@Option(names = "--classpath", scope = ScopeType.INHERIT, paramLabel = "PATH", order = 5,
			description = "The application's code, for its Java migrations and classpath: locations: folders and jars,"
					+ " or its Spring Boot jar, separated by ':' or ',' (or MIGRATOR_CLASSPATH); the default location"
					+ " becomes classpath:db/migration.")
	private String classpath;

	@Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE", order = 6,
			description = "A settings file: migrator.url, migrator.locations, ..., or a Spring Boot application.properties|yml"
					+ " with spring.datasource.* (or MIGRATOR_CONFIG).")
	private Path config;

	@Option(names = "--table", scope = ScopeType.INHERIT, order = 7,
			description = "The history table (default schema_migrations).")
	private String table;

	@Option(names = "--out-of-order", scope = ScopeType.INHERIT, order = 8,
			description = "Apply pending versions below the current one.")
	private Boolean outOfOrder;

	@Option(names = "--lock-timeout", scope = ScopeType.INHERIT, paramLabel = "DURATION", order = 9,
			description = "How long to wait for another runner's lock, e.g. 30s, 2m (default 2m).")
	private String lockTimeout;

	@Option(names = "--no-backup", scope = ScopeType.INHERIT, order = 10,
			description = "Take no backup before a changing run.")
	private Boolean noBackup;

	@Option(names = "--backup-dir", scope = ScopeType.INHERIT, paramLabel = "DIR", order = 11,
			description = "Where backups are (default: backups/ beside a SQLite file; ~/.local/state/migrator/backups/HOST-PORT"
					+ " for a server database).")
	private String backupDirectory;

	@Option(names = "--schema", scope = ScopeType.INHERIT, order = 20,
			description = "PostgreSQL: the schema of the history and the migrations (default: the search path's first).")
	private String schema;

	@Option(names = "--transaction", scope = ScopeType.INHERIT, paramLabel = "MODE", order = 21,
			description = "per-migration (default) or all: every pending migration in one transaction.")
	private String transaction;

	@Option(names = "--fail-on-stray-files", scope = ScopeType.INHERIT, order = 22,
			description = "Refuse files in the locations that are not migrations.")
	private Boolean failOnStrayFiles;

	@Option(names = "--ignore-missing", scope = ScopeType.INHERIT, order = 23,
			description = "Accept applied migrations whose files are gone.")
	private Boolean ignoreMissing;

	@Option(names = "--integrity-check", scope = ScopeType.INHERIT, paramLabel = "CHECK", order = 24,
			description = "The database's own check after a changing run: none, quick (default) or full.")
	private String integrityCheck;

	@Option(names = "--lock-mode", scope = ScopeType.INHERIT, paramLabel = "MODE", order = 25,
			description = "auto (default), session, transaction or table.")
	private String lockMode;

	@Option(names = "--lock-lease", scope = ScopeType.INHERIT, paramLabel = "DURATION", order = 26,
			description = "How long a lock-table lock lasts without renewal (default 30s).")
	private String lockLease;

	@Option(names = "--lock-max-wait", scope = ScopeType.INHERIT, paramLabel = "DURATION", order = 39,
			description = "How long to wait at most behind a live runner whose lock heartbeat keeps moving, e.g. 10m (default 24h); --lock-timeout applies to one that is not progressing.")
	private String lockMaxWait;

	@Option(names = "--migration-lock-timeout", scope = ScopeType.INHERIT, paramLabel = "DURATION", order = 27,
			description = "How long a migration waits for a table lock another session holds (default: the database's).")
	private String migrationLockTimeout;

	@Option(names = "--statement-timeout", scope = ScopeType.INHERIT, paramLabel = "DURATION", order = 28,
			description = "How long one statement of a migration may run (default: the database's).")
	private String statementTimeout;

	@Option(names = "--backup-compress", scope = ScopeType.INHERIT, order = 29, description = "Gzip the backups.")
	private Boolean backupCompress;

	@Option(names = "--backup-keep", scope = ScopeType.INHERIT, paramLabel = "N", order = 30,
			description = "Keep at least the newest N backups (default 10).")
	private String backupKeep;

	@Option(names = "--backup-keep-for", scope = ScopeType.INHERIT, paramLabel = "DURATION", order = 31,
			description = "And keep every backup younger than this (default 30d).")
	private String backupKeepFor;

	@Option(names = "--dump-tool", scope = ScopeType.INHERIT, paramLabel = "FILE", order = 32,
			description = "pg_dump or mysqldump to back server databases up with (default: found on the PATH).")
	private String dumpTool;

	@Option(names = "--profile", scope = ScopeType.INHERIT, paramLabel = "NAME", order = 33,
			description = "Also read application-NAME.properties|yml beside the --config file, as Spring Boot does.")
	private String profile;

	@Option(names = "--verify-downs", scope = ScopeType.INHERIT, order = 34,
			description = "migrate: first try each pending migration's up, down and up again (as 'verify' does); refuse"
					+ " to migrate when a down does not restore the schema.")
	private Boolean verifyDowns;

	@Option(names = "--require-down", scope = ScopeType.INHERIT, order = 35,
			description = "Refuse a pending migration without a down (checked with the downs: implies --verify-downs).")
	private Boolean requireDown;

	@Option(names = "--adopt", scope = ScopeType.INHERIT, paramLabel = "TOOL", order = 36,
			description = "migrate: take over another tool's history first (flyway, liquibase, golang-migrate, dbmate,"
					+ " goose or diesel); nothing it applied runs again.")
	private String adopt;

	@Option(names = "--placeholder", scope = ScopeType.INHERIT, paramLabel = "NAME=VALUE", order = 37,
			description = "The value of ${NAME} in Flyway-convention scripts (or migrator.placeholders.NAME); repeatable.")
	private Map<String, String> placeholders = new LinkedHashMap<>();

	@Option(names = "--tenants", scope = ScopeType.INHERIT, paramLabel = "FILE", order = 38,
			description = "migrate and status: every tenant of the FILE instead of --url, one name=JDBC_URL a line"
					+ " (add schema=NAME for a schema of a shared database).")
	private Path tenants;

	@Option(names = "--json", scope = ScopeType.INHERIT, order = 12,
			description = "Print one JSON document on stdout (shape in docs/CLI.md).")
	private boolean json;

	@Option(names = { "-q", "--quiet" }, scope = ScopeType.INHERIT, order = 13,
			description = "Print only reports and errors: no progress, no warnings.")
	private boolean quiet;

	@Option(names = { "-v", "--verbose" }, scope = ScopeType.INHERIT, order = 14,
			description = "Show the engine's log on stderr (-vv: also each statement) and stack traces.")
	private boolean[] verbose = new boolean[0];

	@Option(names = "--color", scope = ScopeType.INHERIT, paramLabel = "WHEN", order = 15,
			description = "auto (on a terminal, unless NO_COLOR is set), always or never.")
	private ColourChoice colour = ColourChoice.AUTO;

	private final SecretMask mask;

	private final Map<String, String> environment;

	private final PrintStream out;

	private final PrintStream err;

	private final PrintStream jsonOut;

	private Terminal terminal;

	private Settings settings;

	private List<JsonObject> failedMigrations = List.of();

	MigratorCommandLine(SecretMask mask, Map<String, String> environment, PrintStream out, PrintStream err,
			PrintStream jsonOut) {
		this.mask = mask;
		this.environment = environment;
		this.out = out;
		this.err = err;
		this.jsonOut = jsonOut;
	}

	public static void main(String[] args) {
		System.exit(run(args, System.getenv()));
	}

	/** Runs one command and returns its exit code. */
	static int run(String[] args, Map<String, String> environment) {
		SecretMask mask = new SecretMask();
		mask.add(environment.get(Setting.PASSWORD.environmentVariable()));
		maskPasswordArguments(args, mask);
		// Everything written to stdout and stderr, the engine's and the drivers' logging included,
		// goes through the mask: no code path can print a password. The JSON document alone is
		// masked value by value before it is written (Terminal.json), so masking cannot break it.
		PrintStream jsonOut = new PrintStream(System.out, true, StandardCharsets.UTF_8);
		PrintStream out = new PrintStream(new MaskedOutputStream(System.out, mask), true, StandardCharsets.UTF_8);
		PrintStream err = new PrintStream(new MaskedOutputStream(System.err, mask), true, StandardCharsets.UTF_8);
		System.setOut(out);
		System.setErr(err);
		MigratorCommandLine cli = new MigratorCommandLine(mask, environment, out, err, jsonOut);
		CommandLine commandLine = commandLine(cli, args);
		commandLine.setOut(new PrintWriter(out, true));
		commandLine.setErr(new PrintWriter(err, true));
		commandLine.setCaseInsensitiveEnumValuesAllowed(true);
		commandLine.setExecutionStrategy(cli::execute);
		commandLine.setParameterExceptionHandler((ex, arguments) -> cli.badUsage(ex, arguments));
		commandLine.setExecutionExceptionHandler((ex, line, parseResult) -> cli.failed(ex, line));
		int code = commandLine.execute(args);
		out.flush();
		err.flush();
		return code;
	}

	/**
	 * The command line with every command, or with the one command {@code args} name alone when
	 * that is certain ({@link #soleCommand}): it parses and runs exactly as with all of them.
	 */
	static CommandLine commandLine(MigratorCommandLine cli, String[] args) {
		CommandLine commandLine = new CommandLine(cli);
		Class<?> sole = soleCommand(args);
		for (Class<?> command : COMMANDS) {
			if (sole == null || command == sole) {
				commandLine.addSubcommand(commandName(command), command);
			}
		}
		// Each command answers --help; added here rather than inherited, as -V/--version would
		// collide with baseline's --version.
		for (CommandLine command : commandLine.getSubcommands().values()) {
			command.getCommandSpec()
				.addOption(OptionSpec.builder("-h", "--help")
					.usageHelp(true)
					.description("Show this help message and exit.")
					.build());
		}
		if (sole == null) {
			commandLine.addSubcommand("help", new CommandLine.HelpCommand());
		}
		return commandLine;
	}

	/**
	 * The command {@code args} run, when that is certain without the model: the first argument
	 * that names a command, when nothing before it could take it as its value (the argument before
	 * it is no option waiting for one) and nothing asks for what needs every command (help, the
	 * completion script, a mistyped command's suggestions: no command named at all). Null otherwise.
	 */
	static Class<?> soleCommand(String[] args) {
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--") || arg.equals("help")) {
				return null;
			}
			for (Class<?> command : COMMANDS) {
				if (arg.equals(commandName(command))) {
					boolean valueOfAnOption = i > 0 && args[i - 1].startsWith("-") && !args[i - 1].contains("=");
					return (valueOfAnOption || command == CompletionCommand.class) ? null : command;
				}
			}
		}
		return null;
	}

	private static String commandName(Class<?> command) {
		return command.getAnnotation(Command.class).name();
	}

	/**
	 * The value of any argument that looks like a password is a secret even when parsing fails:
	 * an error message that quotes a mistyped {@code --pasword=...} must not show it either.
	 */
	private static void maskPasswordArguments(String[] args, SecretMask mask) {
		for (int i = 0; i < args.length; i++) {
			String arg = args[i].toLowerCase(Locale.ROOT);
			int equals = arg.indexOf('=');
			String name = (equals >= 0) ? arg.substring(0, equals) : arg;
			if (arg.startsWith("-") && LOOKS_LIKE_PASSWORD.matcher(name).find() && !name.contains("file")) {
				if (equals >= 0) {
					mask.add(args[i].substring(equals + 1));
				}
				else if (i + 1 < args.length) {
					mask.add(args[i + 1]);
				}
			}
		}
	}

	/** With no command, say which there are. */
	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "Missing command: say what to do, e.g. status, migrate or rollback");
	}

	private int execute(ParseResult parseResult) {
		this.terminal = newTerminal(this.json, this.quiet, this.verbose.length, this.colour);
		EngineLog.configure(this.verbose.length);
		try {
			return new CommandLine.RunLast().execute(parseResult);
		}
		finally {
			if (this.settings != null && this.settings.classpath() != null) {
				this.settings.classpath().close();
			}
		}
	}

	private Terminal newTerminal(boolean json, boolean quiet, int verbosity, ColourChoice colour) {
		boolean interactive = Terminal.isInteractive();
		boolean useColour = switch (colour) {
			case ALWAYS -> true;
			case NEVER -> false;
			case AUTO -> Terminal.colourByDefault(interactive, this.environment.get("NO_COLOR"), this.environment.get("TERM"));
		};
		return new Terminal(this.out, this.err, interactive, useColour, json, quiet, verbosity, this.jsonOut, this.mask::apply,
				EngineWords::translate);
	}

	/** The tenants' commands when {@code --tenants} was given; null otherwise. */
	TenantsCommands tenants() {
		return (this.tenants != null) ? new TenantsCommands(this, this.tenants) : null;
	}

	/** How the output is shown. */
	Terminal terminal() {
		return this.terminal;
	}

	/** The settings from options, environment and the properties file; read once. */
	Settings settings() {
		if (this.settings == null) {
			Map<Setting, String> options = new EnumMap<>(Setting.class);
			putIfGiven(options, Setting.URL, this.url);
			putIfGiven(options, Setting.USER, this.user);
			putIfGiven(options, Setting.PASSWORD, this.password);
			putIfGiven(options, Setting.PASSWORD_FILE, this.passwordFile);
			putIfGiven(options, Setting.LOCATIONS, this.locations);
			putIfGiven(options, Setting.CLASSPATH, this.classpath);
			putIfGiven(options, Setting.TABLE, this.table);
			putIfGiven(options, Setting.OUT_OF_ORDER, (this.outOfOrder != null) ? this.outOfOrder.toString() : null);
			putIfGiven(options, Setting.LOCK_WAIT_TIMEOUT, this.lockTimeout);
			putIfGiven(options, Setting.BACKUP_ENABLED, Boolean.TRUE.equals(this.noBackup) ? "false" : null);
			putIfGiven(options, Setting.BACKUP_DIRECTORY, this.backupDirectory);
			putIfGiven(options, Setting.SCHEMA, this.schema);
			putIfGiven(options, Setting.TRANSACTION, this.transaction);
			putIfGiven(options, Setting.FAIL_ON_STRAY_FILES, (this.failOnStrayFiles != null) ? this.failOnStrayFiles.toString() : null);
			putIfGiven(options, Setting.IGNORE_MISSING_MIGRATIONS, (this.ignoreMissing != null) ? this.ignoreMissing.toString() : null);
			putIfGiven(options, Setting.INTEGRITY_CHECK, this.integrityCheck);
			putIfGiven(options, Setting.LOCK_MODE, this.lockMode);
			putIfGiven(options, Setting.LOCK_LEASE, this.lockLease);
			putIfGiven(options, Setting.LOCK_MAX_WAIT, this.lockMaxWait);
			putIfGiven(options, Setting.MIGRATION_LOCK_TIMEOUT, this.migrationLockTimeout);
			putIfGiven(options, Setting.STATEMENT_TIMEOUT, this.statementTimeout);
			putIfGiven(options, Setting.BACKUP_COMPRESS, (this.backupCompress != null) ? this.backupCompress.toString() : null);
			putIfGiven(options, Setting.BACKUP_RETENTION_COUNT, this.backupKeep);
			putIfGiven(options, Setting.BACKUP_RETENTION_AGE, this.backupKeepFor);
			putIfGiven(options, Setting.BACKUP_DUMP_TOOL, this.dumpTool);
			putIfGiven(options, Setting.VERIFY_DOWNS, (this.verifyDowns != null) ? this.verifyDowns.toString() : null);
			putIfGiven(options, Setting.REQUIRE_DOWN, (this.requireDown != null) ? this.requireDown.toString() : null);
			putIfGiven(options, Setting.ADOPT, this.adopt);
			SettingSources sources = new SettingSources(options, this.config, this.profile, this.environment);
			sources.placeholderOptions(this.placeholders);
			sources.warnings().forEach(this.terminal::warn);
			this.settings = Settings.resolve(sources, this.mask);
		}
		return this.settings;
	}

	private static void putIfGiven(Map<Setting, String> options, Setting setting, String value) {
		if (value != null) {
			options.put(setting, value);
		}
	}

	/**
	 * The engine for a command that works on the database: the URL, the locations (when the
	 * command reads migrations) and the login checked first, each failure with its own exit code.
	 */
	Migrator connect(boolean readsMigrations, MigrationListener... listeners) {
		Settings resolved = settings();
		if (readsMigrations) {
			resolved.requireLocations();
		}
		resolved.requireConnection();
		return resolved.migrator(readsMigrations, listeners);
	}

	/** Failed migrations with their last logged error, shown with the error the command ends with. */
	void failedMigrations(List<JsonObject> failures) {
		this.failedMigrations = List.copyOf(failures);
	}

	/** A JSON document for a command that succeeded so far; the command adds its fields. */
	JsonObject document(String command) {
		return new JsonObject().put("command", command).put("exitCode", 0).put("error", null);
	}

	private int badUsage(ParameterException ex, String[] args) {
		Terminal out = (this.terminal != null) ? this.terminal
				: newTerminal(Arrays.asList(args).contains("--json"), false, 0, ColourChoice.AUTO);
		CommandLine line = ex.getCommandLine();
		out.error(ex.getMessage());
		StringWriter suggestions = new StringWriter();
		CommandLine.UnmatchedArgumentException.printSuggestions(ex, new PrintWriter(suggestions));
		if (!suggestions.toString().isBlank() && !out.json()) {
			this.err.print(suggestions);
		}
		out.hint("'" + line.getCommandSpec().qualifiedName() + " --help' shows the usage");
		if (out.json()) {
			out.json(errorDocument(line, ExitCode.BAD_INPUT,
					new JsonObject().put("type", ExitCode.BAD_INPUT.errorType()).put("message", ex.getMessage())));
		}
		return ExitCode.BAD_INPUT.code();
	}

	private int failed(Exception ex, CommandLine line) {
		ExitCode code = ExitCode.of(ex);
		Terminal out = this.terminal;
		boolean known = ex instanceof MigratorException || ex instanceof BadInputException
				|| ex instanceof ConnectionFailedException || ex instanceof UncheckedIOException
				|| ex instanceof DownsDoNotHoldException;
		String message = known ? ex.getMessage() : ex.toString();
		out.error(message);
		for (JsonObject failure : this.failedMigrations) {
			Object error = failure.get("error");
			this.err.println("last error of migration " + failure.get("version") + ": "
					+ ((error != null) ? error : "not among the last log entries; 'migrator log --failed' shows the log"));
		}
		String hint = hint(ex);
		if (hint != null) {
			out.hint(hint);
		}
		if (out.verbosity() > 0 || !known) {
			StringWriter trace = new StringWriter();
			ex.printStackTrace(new PrintWriter(trace));
			if (out.verbosity() > 0) {
				this.err.print(trace);
			}
			else {
				out.hint("this looks like a bug in Migrator; run again with -v for the stack trace and report it");
			}
		}
		if (out.json()) {
			JsonObject error = new JsonObject().put("type", code.errorType()).put("message", message);
			if (ex instanceof ValidationException validation) {
				error.put("problems", validation.problems());
				error.put("failures", this.failedMigrations);
			}
			if (ex instanceof DataLossException dataLoss) {
				error.put("dataLoss", dataLoss.report().stream().map(ResultJson::dataLoss).toList());
			}
			if (ex instanceof MigratorException migrator && migrator.reason() != null) {
				error.put("reason", migrator.reason().name());
			}
			if (ex instanceof MigrationFailedException migration) {
				error.put("failure", new JsonObject().put("version", ResultJson.version(migration.version()))
					.put("script", migration.script())
					.put("line", migration.line()));
			}
			if (ex instanceof LockTimeoutException lock) {
				error.put("holder", new JsonObject().put("host", lock.holderHost().orElse(null))
					.put("pid", lock.holderPid().isPresent() ? lock.holderPid().getAsLong() : null)
					.put("since", lock.holderSince().map(Object::toString).orElse(null)));
			}
			out.json(errorDocument(line, code, error));
		}
		return code.code();
	}

	private static String hint(Exception ex) {
		if (ex instanceof DataLossException) {
			return "back the data up or move it first, or add --allow-data-loss to roll back anyway (a backup is taken first)";
		}
		if (ex instanceof ValidationException validation
				&& validation.problems().stream().anyMatch((p) -> p.contains("allowEmptyDown"))) {
			return "write the down, roll back less, or add --allow-empty-down to roll back through it anyway";
		}
		if (ex instanceof MigratorException blocked
				&& blocked.reason() == MigratorException.Reason.FAILED_MIGRATION_BLOCKS) {
			return repairChoice(blocked.facts().get("version"));
		}
		if (ex instanceof MigrationFailedException) {
			// its transaction rolled back, the backup was restored, or the database was read-only, locked or
			// gone: no failed entry to clear
			return "nothing to repair: fix what the message names, then run 'migrator migrate' again";
		}
		if (ex instanceof LockTimeoutException) {
			return "another runner is working: let it finish, or wait longer with --lock-max-wait (behind a live runner) or --lock-timeout (behind one that is not progressing)";
		}
		if (ex instanceof DownsDoNotHoldException) {
			return "fix the down scripts ('migrator verify' checks them again), or migrate without --verify-downs";
		}
		if (ex instanceof ValidationException) {
			return "'migrator status' shows every migration's state; 'migrator repair' realigns edited checksums and clears failed entries";
		}
		return null;
	}

	/** The two ways to repair a migration that may have left changes, in the CLI's words. */
	static String repairChoice(String version) {
		return "finished it by hand? 'migrator repair --mark-applied " + version + "' records it as applied; undid by"
				+ " hand what it did? 'migrator repair' forgets it, and 'migrator migrate' runs it again";
	}

	/** The document of a command that failed: {@code error} is set exactly when the exit code is not 0. */
	private JsonObject errorDocument(CommandLine line, ExitCode code, JsonObject error) {
		String command = (line == null || line.getCommandSpec() == this.spec) ? null : line.getCommandName();
		return new JsonObject().put("command", command).put("exitCode", code.code()).put("error", error);
	}

	/** When colour is used. */
	enum ColourChoice {

		AUTO, ALWAYS, NEVER

	}

	/** The version from the jar's manifest. */
	static final class Version implements IVersionProvider {

		@Override
		public String[] getVersion() {
			String version = MigratorCommandLine.class.getPackage().getImplementationVersion();
			return new String[] { "migrator " + ((version != null) ? version : "(development build)") };
		}

	}

}
