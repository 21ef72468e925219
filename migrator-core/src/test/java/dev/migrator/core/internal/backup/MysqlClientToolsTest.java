package dev.migrator.core.internal.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigratorException;

/**
 * The command lines and processes of the dump tool and the client, with shell scripts standing in
 * for them: no server is needed to see what they are given and how their failures are reported.
 */
@DisabledOnOs(OS.WINDOWS)
class MysqlClientToolsTest {

	private static final String MYSQL_VERSION = "mysqldump  Ver 8.4.0 for Linux on x86_64 (MySQL Community Server - GPL)";

	private static final String MARIADB_VERSION = "mariadb-dump from 11.4.2-MariaDB, client 10.19 for debian-linux-gnu (x86_64)";

	private static final String PASSWORD = "pa ss\"w#rd";

	@TempDir
	Path dir;

	@AfterEach
	void clearInterrupt() {
		Thread.interrupted();
	}

	private MysqlLogin login(String password, boolean tls) {
		return new MysqlLogin("db.example", 3307, "app", password, "shop", tls);
	}

	/** An executable script in {@code folder} that answers {@code --version} with {@code version} and runs {@code body} otherwise. */
	private Path tool(Path folder, String name, String version, String body) throws IOException {
		Files.createDirectories(folder);
		Path script = folder.resolve(name);
		Files.writeString(script, "#!/bin/sh\nif [ \"$1\" = \"--version\" ]; then\n  echo '" + version + "'\n"
				+ "  echo called >> \"$0.versions\"\n  exit 0\nfi\n" + body + "\n");
		assertThat(script.toFile().setExecutable(true)).isTrue();
		return script;
	}

	/** MySQL's mysqldump beside its client, both running {@code body}. */
	private MysqlClientTools mysqlTools(boolean mariaDbServer, String body) throws IOException {
		Path bin = this.dir.resolve("mysql-bin");
		tool(bin, "mysql", MYSQL_VERSION, body);
		return new MysqlClientTools(tool(bin, "mysqldump", MYSQL_VERSION, body), bin.resolve("mysql"), mariaDbServer);
	}

	private MysqlClientTools mariaDbTools(String body) throws IOException {
		Path bin = this.dir.resolve("mariadb-bin");
		tool(bin, "mariadb", MARIADB_VERSION, body);
		return new MysqlClientTools(tool(bin, "mariadb-dump", MARIADB_VERSION, body), bin.resolve("mariadb"), true);
	}

	@Test
	void mysqlsOwnDumpToolOfAMariaDbServerSkipsGtidsAndColumnStatisticsAndDisablesTlsItsOwnWay() throws Exception {
		MysqlClientTools tools = mysqlTools(true, "exit 0");
		Path optionFile = this.dir.resolve("login.cnf");

		assertThat(tools.dumpCommand(login("secret", false), optionFile, true)).containsExactly(
				this.dir.resolve("mysql-bin/mysqldump").toString(), "--defaults-extra-file=" + optionFile, "--protocol=TCP",
				"--host=db.example", "--port=3307", "--user=app", "--ssl-mode=DISABLED", "--comments",
				"--single-transaction", "--routines", "--triggers", "--no-tablespaces", "--hex-blob",
				"--default-character-set=utf8mb4", "--force", "--set-gtid-purged=OFF", "--column-statistics=0", "shop");
		// the version is asked once, however many commands are built
		tools.dumpCommand(login("secret", true), null, false);
		assertThat(Files.readAllLines(this.dir.resolve("mysql-bin/mysqldump.versions"))).hasSize(1);
	}

	@Test
	void mysqlsOwnDumpToolOfAMysqlServerKeepsColumnStatistics() throws Exception {
		MysqlClientTools tools = mysqlTools(false, "exit 0");

		List<String> dump = tools.dumpCommand(login(null, false), null, false);

		assertThat(dump).contains("--set-gtid-purged=OFF", "--ssl-mode=DISABLED")
			.doesNotContain("--column-statistics=0", "--force", "--skip-ssl")
			.noneMatch((option) -> option.startsWith("--defaults-extra-file"));
		assertThat(dump.get(1)).isEqualTo("--protocol=TCP");
		assertThat(dump).last().isEqualTo("shop");
		assertThat(tools.loadCommand(login(null, false), null)).containsExactly(
				this.dir.resolve("mysql-bin/mysql").toString(), "--protocol=TCP", "--host=db.example", "--port=3307",
				"--user=app", "--ssl-mode=DISABLED", "--default-character-set=utf8mb4", "--batch", "shop");
	}

	@Test
	void anEncryptedConnectionLeavesTlsToTheToolsOwnSettings() throws Exception {
		for (MysqlClientTools tools : List.of(mysqlTools(true, "exit 0"), mariaDbTools("exit 0"))) {
			assertThat(tools.dumpCommand(login("secret", true), null, false))
				.noneMatch((option) -> option.contains("ssl"));
			assertThat(tools.loadCommand(login("secret", true), null)).noneMatch((option) -> option.contains("ssl"));
		}
		assertThat(mariaDbTools("exit 0").loadCommand(login("secret", false), null)).contains("--skip-ssl")
			.doesNotContain("--ssl-mode=DISABLED");
	}

	@Test
	void theDumpGetsThePasswordOnlyInAPrivateOptionFileDeletedWhenItEnds() throws Exception {
		Path seen = this.dir.resolve("seen");
		// records its arguments and the option file's content, then dumps one line
		MysqlClientTools tools = mariaDbTools("echo \"$@\" > '" + seen + ".args'\n"
				+ "cat \"${1#--defaults-extra-file=}\" > '" + seen + ".cnf'\n"
				+ "ls -l \"${1#--defaults-extra-file=}\" > '" + seen + ".mode'\n"
				+ "echo '-- Dump completed'");
		Path target = this.dir.resolve("dump.sql");

		String complaints = tools.dump(login(PASSWORD, false), target, false);

		assertThat(complaints).isEmpty();
		assertThat(Files.readString(target)).isEqualTo("-- Dump completed\n");
		String args = Files.readString(this.dir.resolve("seen.args"));
		assertThat(args).doesNotContain("pa ss").contains("--user=app").contains("--defaults-extra-file=");
		assertThat(Files.readString(this.dir.resolve("seen.cnf"))).isEqualTo("[client]\npassword=\"pa ss\\\"w#rd\"\n");
		assertThat(Files.readString(this.dir.resolve("seen.mode"))).startsWith("-rw------- ");
		Path optionFile = Path.of(args.split(" ")[0].substring("--defaults-extra-file=".length()));
		assertThat(optionFile).doesNotExist();
	}

	@Test
	void withoutAPasswordNoOptionFileIsPassedAndTheToolReadsItsOwn() throws Exception {
		Path seen = this.dir.resolve("seen.args");
		MysqlClientTools tools = mariaDbTools("echo \"$@\" > '" + seen + "'");

		tools.dump(login(null, false), this.dir.resolve("dump.sql"), false);

		assertThat(Files.readString(seen)).startsWith("--protocol=TCP --host=db.example").doesNotContain("defaults");
	}

	@Test
	void aFailingDumpIsReportedWithTheToolTheLoginAndWhatItPrintedButNeverThePassword() throws Exception {
		MysqlClientTools tools = mariaDbTools("echo 'mariadb-dump: Got error: 1045: Access denied' >&2\nexit 2");

		assertThatThrownBy(() -> tools.dump(login(PASSWORD, false), this.dir.resolve("dump.sql"), false))
			.isInstanceOf(IOException.class)
			.hasMessage(this.dir.resolve("mariadb-bin/mariadb-dump") + " (app@db.example:3307/shop (password from the connection))"
					+ " exited with code 2: mariadb-dump: Got error: 1045: Access denied")
			.hasMessageNotContaining("pa ss");
	}

	@Test
	void aForcedDumpReturnsTheComplaintsOfAToolThatFailedInsteadOfThrowing() throws Exception {
		MysqlClientTools tools = mariaDbTools("echo 'CREATE TABLE t (id INT);'\n"
				+ "echo '  mariadb-dump: Couldn'\"'\"'t execute SHOW FIELDS FROM `broken_view`  ' >&2\nexit 2");
		Path target = this.dir.resolve("dump.sql");

		String complaints = tools.dump(login(null, false), target, true);

		assertThat(complaints).isEqualTo("mariadb-dump: Couldn't execute SHOW FIELDS FROM `broken_view`");
		assertThat(Files.readString(target)).isEqualTo("CREATE TABLE t (id INT);\n");
	}

	@Test
	void aToolThatFailsSilentlySaysSo() throws Exception {
		MysqlClientTools tools = mariaDbTools("exit 7");

		assertThatThrownBy(() -> tools.dump(login(null, false), this.dir.resolve("dump.sql"), false))
			.hasMessageEndingWith("exited with code 7: (it printed no error)");
		// blank lines only are no error either
		MysqlClientTools blank = mysqlTools(false, "printf '\\n \\n' >&2\nexit 1");
		assertThatThrownBy(() -> blank.load(login(null, false), new ByteArrayInputStream(new byte[0])))
			.hasMessageEndingWith("exited with code 1: (it printed no error)");
	}

	@Test
	void aLongErrorOutputIsCutToItsFirst2000Characters() throws Exception {
		MysqlClientTools tools = mariaDbTools("i=0\nwhile [ $i -lt 300 ]; do echo \"line $i of the error\" >&2; i=$((i+1)); done\nexit 1");

		assertThatThrownBy(() -> tools.dump(login(null, false), this.dir.resolve("dump.sql"), false)).satisfies((ex) -> {
			String shown = ex.getMessage().substring(ex.getMessage().indexOf("exited with code 1: ") + "exited with code 1: ".length());
			assertThat(shown).startsWith("line 0 of the error\nline 1 of the error").endsWith("...").hasSize(2003);
		});
	}

	@Test
	void errorOutputThatIsNotUtf8IsShownAllTheSameWithTheUnreadableCharacterReplaced() throws Exception {
		// a localised message in Latin-1: "für" is one byte 0xFC
		MysqlClientTools tools = mariaDbTools("printf 'Zugriff verweigert f\\374r Benutzer\\n' >&2\nexit 1");

		assertThatThrownBy(() -> tools.dump(login(null, false), this.dir.resolve("dump.sql"), false))
			.isInstanceOf(IOException.class)
			.hasMessageContaining("exited with code 1: Zugriff verweigert f\uFFFDr Benutzer");
	}

	@Test
	void theClientIsFedTheDump() throws Exception {
		Path loaded = this.dir.resolve("loaded.sql");
		MysqlClientTools tools = mariaDbTools("cat > '" + loaded + "'");
		byte[] dump = "INSERT INTO t VALUES ('\u00e9');\n".repeat(10_000).getBytes(StandardCharsets.UTF_8);

		tools.load(login(PASSWORD, false), new ByteArrayInputStream(dump));

		assertThat(Files.readAllBytes(loaded)).isEqualTo(dump);
	}

	@Test
	void aClientThatStopsReadingIsReportedByItsExitCodeNotABrokenPipe() throws Exception {
		MysqlClientTools tools = mariaDbTools("echo 'ERROR 1064 (42000) at line 1: You have an error in your SQL syntax' >&2\nexit 1");
		byte[] dump = new byte[8 * 1024 * 1024];

		assertThatThrownBy(() -> tools.load(login(null, false), new ByteArrayInputStream(dump)))
			.isInstanceOf(IOException.class)
			.hasMessageEndingWith("exited with code 1: ERROR 1064 (42000) at line 1: You have an error in your SQL syntax");
	}

	@Test
	void anInterruptedDumpStopsTheToolAndKeepsTheInterrupt() throws Exception {
		Path target = this.dir.resolve("dump.sql");
		MysqlClientTools tools = mariaDbTools("sleep 30");
		tools.dumpCommand(login(null, false), null, false); // the version is known: nothing else waits

		Thread.currentThread().interrupt();
		assertThatThrownBy(() -> tools.dump(login(null, false), target, false)).isInstanceOf(IOException.class)
			.hasMessageStartingWith("interrupted while ")
			.hasMessageEndingWith(" ran; stopped it")
			.hasCauseInstanceOf(InterruptedException.class);
		assertThat(Thread.interrupted()).isTrue();
	}

	@Test
	void anInterruptWhileTheVersionIsAskedIsKeptAndTheCommandStillBuilt() throws Exception {
		// prints its version, closes its output and lingers
		Path bin = this.dir.resolve("slow-bin");
		Path dump = bin.resolve("mysqldump");
		Files.createDirectories(bin);
		Files.writeString(dump, "#!/bin/sh\necho '" + MYSQL_VERSION + "'\nexec >&- 2>&-\nsleep 5\n");
		assertThat(dump.toFile().setExecutable(true)).isTrue();
		MysqlClientTools tools = new MysqlClientTools(dump, dump, false);

		Thread.currentThread().interrupt();
		List<String> command = tools.dumpCommand(login(null, false), null, false);

		assertThat(Thread.interrupted()).isTrue();
		assertThat(command).contains("--set-gtid-purged=OFF", "--ssl-mode=DISABLED");
	}

	@Test
	void aConfiguredDumpToolMustBeAnExecutableFile() throws Exception {
		Path notExecutable = this.dir.resolve("mysqldump");
		Files.writeString(notExecutable, "#!/bin/sh\n");
		Path folder = Files.createDirectories(this.dir.resolve("mariadb-dump"));

		for (Path configured : List.of(notExecutable, folder)) {
			assertThatThrownBy(() -> MysqlClientTools.find(configured, null, false)).isInstanceOf(MigratorException.class)
				.hasMessage("The configured dump tool " + configured + " (backup.dump-tool) is not an executable file. "
						+ "Nothing was changed. Point backup.dump-tool at mysqldump or mariadb-dump, or leave it unset to "
						+ "use the one on the PATH.");
		}
	}

	@Test
	void aMariaDbDumpToolWithoutAClientNamesMariaDbsPackage() throws Exception {
		Path dump = tool(this.dir.resolve("bin"), "mariadb-dump", MARIADB_VERSION, "exit 0");

		assertThatThrownBy(() -> MysqlClientTools.find(dump, this.dir.resolve("empty").toString(), true))
			.isInstanceOf(MigratorException.class)
			.hasMessage("Found the dump tool " + dump + " but no mariadb client beside it or on the PATH, so a backup "
					+ "could not be restored. Nothing was changed. Install the client (it comes in the same package as the "
					+ "dump tool: Debian/Ubuntu mariadb-client), or disable backups.");
	}

	@Test
	void thePathIsSearchedPastBlankEntriesAndFilesThatCannotRunForTheToolAndItsClient() throws Exception {
		Path first = Files.createDirectories(this.dir.resolve("first"));
		Files.writeString(first.resolve("mysqldump"), "not executable"); // skipped
		Files.createDirectories(first.resolve("mysql")); // a folder: skipped
		Path second = this.dir.resolve("second");
		Path dump = tool(second, "mysqldump", MYSQL_VERSION, "exit 0");
		// no mysql beside it: the client is MariaDB's, found further along the PATH
		Path client = tool(this.dir.resolve("third"), "mariadb", MARIADB_VERSION, "exit 0");
		String path = File.pathSeparator + first + File.pathSeparator + " " + File.pathSeparator + second
				+ File.pathSeparator + this.dir.resolve("third");

		MysqlClientTools tools = MysqlClientTools.find(null, path, false).orElseThrow();

		assertThat(tools.dumpTool()).isEqualTo(dump);
		assertThat(tools.client()).isEqualTo(client);
	}

}
