package dev.migrator.core.internal.backup;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.migrator.core.api.MigratorException;

/**
 * The vendor's command-line tools a backup needs: the dump tool ({@code mysqldump}, or MariaDB's
 * {@code mariadb-dump}) to take one, and the client ({@code mysql}, {@code mariadb}) to load one.
 * <p>
 * The password never appears on a command line (where {@code ps} shows it to every user) nor in a
 * log: it goes into an option file readable by its owner only, passed with
 * {@code --defaults-extra-file} and deleted as soon as the tool ends. Host, port and user go on the
 * command line, where they take precedence over any option file the tool reads itself.
 */
final class MysqlClientTools {

	private static final int STDERR_SHOWN = 2000;

	private final Path dumpTool;

	private final Path client;

	private final boolean mariaDbServer;

	private Boolean mysqlFlavour;

	MysqlClientTools(Path dumpTool, Path client, boolean mariaDbServer) {
		this.dumpTool = dumpTool;
		this.client = client;
		this.mariaDbServer = mariaDbServer;
	}

	/**
	 * The configured dump tool, or the first on the PATH (MariaDB's names first for a MariaDB server,
	 * MySQL's first for MySQL), with the client beside it; empty when there is no dump tool.
	 * @throws MigratorException if a configured dump tool is missing, or no client is found with it
	 */
	static Optional<MysqlClientTools> find(Path configured, String path, boolean mariaDbServer) {
		List<String> dumpNames = mariaDbServer ? List.of("mariadb-dump", "mysqldump") : List.of("mysqldump", "mariadb-dump");
		Path dump;
		if (configured != null) {
			if (!Files.isRegularFile(configured) || !Files.isExecutable(configured)) {
				throw new MigratorException("The configured dump tool " + configured + " (backup.dump-tool) is not an "
						+ "executable file. Nothing was changed. Point backup.dump-tool at mysqldump or mariadb-dump, or "
						+ "leave it unset to use the one on the PATH.");
			}
			dump = configured;
		}
		else {
			dump = dumpNames.stream().map((name) -> onPath(name, path)).flatMap(Optional::stream).findFirst().orElse(null);
			if (dump == null) {
				return Optional.empty();
			}
		}
		String clientName = dump.getFileName().toString().toLowerCase(Locale.ROOT).startsWith("mariadb") ? "mariadb" : "mysql";
		Path beside = dump.resolveSibling(clientName);
		Path client = Files.isExecutable(beside) ? beside
				: Stream.of(clientName, "mysql", "mariadb")
					.map((name) -> onPath(name, path))
					.flatMap(Optional::stream)
					.findFirst()
					.orElseThrow(() -> new MigratorException("Found the dump tool " + dump + " but no " + clientName
							+ " client beside it or on the PATH, so a backup could not be restored. Nothing was changed. "
							+ "Install the client (it comes in the same package as the dump tool: Debian/Ubuntu "
							+ (mariaDbServer ? "mariadb-client" : "default-mysql-client or mariadb-client")
							+ "), or disable backups."));
		return Optional.of(new MysqlClientTools(dump, client, mariaDbServer));
	}

	private static Optional<Path> onPath(String tool, String path) {
		if (path == null) {
			return Optional.empty();
		}
		return Stream.of(path.split(File.pathSeparator))
			.filter((dir) -> !dir.isBlank())
			.map((dir) -> Path.of(dir, tool))
			.filter((file) -> Files.isRegularFile(file) && Files.isExecutable(file))
			.findFirst();
	}

	Path dumpTool() {
		return this.dumpTool;
	}

	Path client() {
		return this.client;
	}

	/**
	 * The dump command: one consistent snapshot of InnoDB tables ({@code --single-transaction}, which
	 * locks nothing), with routines and triggers, and without tablespaces (which need the PROCESS
	 * privilege that application accounts seldom have).
	 */
	List<String> dumpCommand(MysqlLogin login, Path optionFile, boolean force) throws IOException {
		List<String> command = new ArrayList<>(loginOptions(this.dumpTool, login, optionFile));
		command.addAll(List.of("--comments", "--single-transaction", "--routines", "--triggers", "--no-tablespaces", "--hex-blob",
				"--default-character-set=utf8mb4"));
		if (force) {
			command.add("--force");
		}
		if (isMysqlFlavour()) {
			// MySQL's mysqldump: no GTID statements that need SUPER to load; no MySQL-only statistics from MariaDB
			command.add("--set-gtid-purged=OFF");
			if (this.mariaDbServer) {
				command.add("--column-statistics=0");
			}
		}
		command.add(login.database());
		return command;
	}

	List<String> loadCommand(MysqlLogin login, Path optionFile) throws IOException {
		List<String> command = new ArrayList<>(loginOptions(this.client, login, optionFile));
		command.addAll(List.of("--default-character-set=utf8mb4", "--batch", login.database()));
		return command;
	}

	/**
	 * Option files must come first; everything here may be shown, the password is in the file. The
	 * tool connects as the migration's connection did: over TCP to the same address, encrypted only
	 * if the connection was (the client's own TLS settings then apply).
	 */
	private List<String> loginOptions(Path tool, MysqlLogin login, Path optionFile) throws IOException {
		List<String> options = new ArrayList<>();
		options.add(tool.toString());
		if (optionFile != null) {
			options.add("--defaults-extra-file=" + optionFile);
		}
		options.addAll(List.of("--protocol=TCP", "--host=" + login.host(), "--port=" + login.port(),
				"--user=" + login.user()));
		if (!login.tls()) {
			options.add(isMysqlFlavour() ? "--ssl-mode=DISABLED" : "--skip-ssl");
		}
		return options;
	}

	/**
	 * Dumps the login's database into {@code target} (created, empty, beforehand). With
	 * {@code force} the tool goes on past what it cannot read (a view broken by a migration) and its
	 * complaints are returned rather than thrown: for a safety backup of a damaged state.
	 * @return what the tool reported on its error output, empty if nothing
	 */
	String dump(MysqlLogin login, Path target, boolean force) throws IOException {
		return run("dump", login, (optionFile) -> dumpCommand(login, optionFile, force),
				ProcessBuilder.Redirect.to(target.toFile()), null, force);
	}

	/** Feeds a dump to the client, into the login's database. */
	void load(MysqlLogin login, InputStream dump) throws IOException {
		run("load", login, (optionFile) -> loadCommand(login, optionFile), ProcessBuilder.Redirect.DISCARD, dump, false);
	}

	@FunctionalInterface
	private interface CommandLine {

		List<String> of(Path optionFile) throws IOException;

	}

	private String run(String what, MysqlLogin login, CommandLine commandLine, ProcessBuilder.Redirect output,
			InputStream input, boolean tolerateFailure) throws IOException {
		Path optionFile = (login.password() != null) ? optionFile(login.password()) : null;
		Path errors = Files.createTempFile("migrator-" + what + "-", ".err");
		try {
			List<String> command = commandLine.of(optionFile);
			ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output)
				.redirectError(errors.toFile())
				.redirectInput((input != null) ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.from(nullDevice()));
			Process process = builder.start();
			if (input != null) {
				try (OutputStream stdin = process.getOutputStream()) {
					input.transferTo(stdin);
				}
				catch (IOException ex) {
					// the client stopped reading: it failed, and its exit code and stderr say why
				}
			}
			int exit = waitFor(process);
			if (exit != 0 && !tolerateFailure) {
				throw new IOException(command.get(0) + " (" + login + ") exited with code " + exit + ": "
						+ firstOf(errors));
			}
			return (Files.size(errors) > 0) ? firstOf(errors) : "";
		}
		finally {
			if (optionFile != null) {
				Files.deleteIfExists(optionFile);
			}
			Files.deleteIfExists(errors);
		}
	}

	private static int waitFor(Process process) throws IOException {
		try {
			return process.waitFor();
		}
		catch (InterruptedException ex) {
			process.destroy();
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while " + process.info().command().orElse("the tool") + " ran; stopped it",
					ex);
		}
	}

	private static File nullDevice() {
		return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");
	}

	/**
	 * A {@code [client]} option file holding the password, created readable by its owner only (the
	 * mode is set at creation, so no other user can open it in between).
	 */
	static Path optionFile(String password) throws IOException {
		Path file;
		try {
			file = Files.createTempFile("migrator-login-", ".cnf",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (UnsupportedOperationException ex) {
			file = Files.createTempFile("migrator-login-", ".cnf");
		}
		Files.writeString(file, "[client]\npassword=\"" + escape(password) + "\"\n", StandardCharsets.UTF_8);
		return file;
	}

	/** Inside double quotes an option file reads backslash escapes; everything else is literal, {@code #} included. */
	static String escape(String value) {
		StringBuilder escaped = new StringBuilder();
		for (char c : value.toCharArray()) {
			switch (c) {
				case '\\' -> escaped.append("\\\\");
				case '"' -> escaped.append("\\\"");
				case '\n' -> escaped.append("\\n");
				case '\r' -> escaped.append("\\r");
				case '\t' -> escaped.append("\\t");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

	/**
	 * What {@code --version} said of each dump tool this JVM asked, by its file as it was then (path,
	 * size, modification time): a process of its own per run cost every backup a few milliseconds.
	 */
	private static final java.util.Map<String, Boolean> MYSQL_FLAVOUR_BY_TOOL = new java.util.concurrent.ConcurrentHashMap<>();

	/** Whether the dump tool is MySQL's own ({@code mysqldump  Ver 8.4.0 for Linux}), not MariaDB's. */
	private boolean isMysqlFlavour() throws IOException {
		if (this.mysqlFlavour == null) {
			String key = toolKey();
			Boolean known = (key != null) ? MYSQL_FLAVOUR_BY_TOOL.get(key) : null;
			if (known != null) {
				this.mysqlFlavour = known;
				return known;
			}
			Process process = new ProcessBuilder(this.dumpTool.toString(), "--version").redirectErrorStream(true)
				.redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
				.start();
			String version;
			try (InputStream out = process.getInputStream()) {
				version = new String(out.readNBytes(1000), StandardCharsets.UTF_8);
			}
			try {
				process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.mysqlFlavour = !version.toLowerCase(Locale.ROOT).contains("mariadb");
			if (key != null) {
				MYSQL_FLAVOUR_BY_TOOL.put(key, this.mysqlFlavour);
			}
		}
		return this.mysqlFlavour;
	}

	/** The dump tool's file as it is now, or null when it cannot be read (then it is asked every time). */
	private String toolKey() {
		try {
			Path real = this.dumpTool.toRealPath();
			return real + "|" + Files.size(real) + "|" + Files.getLastModifiedTime(real).toMillis();
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static String firstOf(Path errors) {
		try {
			// decoded leniently: a tool's message in another encoding (a localised one) is still shown
			String text = new String(Files.readAllBytes(errors), StandardCharsets.UTF_8).strip();
			if (text.isEmpty()) {
				return "(it printed no error)";
			}
			return (text.length() > STDERR_SHOWN) ? text.substring(0, STDERR_SHOWN) + "..." : text;
		}
		catch (IOException ex) {
			return "(its error output could not be read: " + ex + ")";
		}
	}

}
