package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.migrator.core.api.RunOptions;
import dev.migrator.core.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A password given to the engine, in the JDBC URL or beside it, appears nowhere: not in the
 * engine's log output (slf4j-simple writes to {@code System.err}, captured here whole), not in
 * results, and not in any exception message down the cause chain, whether the run succeeds, a
 * migration fails, or the connection does.
 */
class SecretMaskingTest {

	private static final String SECRET = "s3cret-XYZ";

	@TempDir
	Path dir;

	private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

	private final List<String> seen = new ArrayList<>();

	private PrintStream originalErr;

	private PrintStream originalOut;

	@BeforeEach
	void captureOutput() throws IOException {
		this.originalErr = System.err;
		this.originalOut = System.out;
		System.setErr(new PrintStream(new Tee(this.originalErr, this.captured), true, StandardCharsets.UTF_8));
		System.setOut(new PrintStream(new Tee(this.originalOut, this.captured), true, StandardCharsets.UTF_8));
		Path migrations = Files.createDirectories(this.dir.resolve("migrations"));
		Files.writeString(migrations.resolve("1_tasks.sql"),
				"CREATE TABLE tasks (id INTEGER PRIMARY KEY, title TEXT);\n-- migrate:down\nDROP TABLE tasks;");
		Files.writeString(migrations.resolve("2_broken.sql"), "INSERT INTO no_such_table VALUES (1);");
	}

	@AfterEach
	void restoreOutputAndLookForTheSecret() {
		System.setErr(this.originalErr);
		System.setOut(this.originalOut);
		assertThat(this.captured.toString(StandardCharsets.UTF_8)).as("log output").doesNotContain(SECRET);
		assertThat(this.seen).as("results and exception messages").isNotEmpty()
			.allSatisfy((text) -> assertThat(text).doesNotContain(SECRET));
	}

	@Test
	void sqliteWithThePasswordInTheUrlAndBesideIt() {
		String url = "jdbc:sqlite:" + this.dir.resolve("app.db") + "?password=" + SECRET;
		exercise(Migrator.configure().url(url, "app", SECRET).locations("filesystem:" + this.dir.resolve("migrations"))
			.load());
	}

	@Test
	void postgresqlWithThePasswordInTheUrlAndBesideIt() {
		String schema = PostgresServer.newSchema("secret");
		// the test server trusts local logins, so any password is accepted and travels everywhere
		String url = PostgresServer.url(schema) + "&password=" + SECRET;
		exercise(Migrator.configure().url(url, "postgres", SECRET).schema(schema)
			.locations("filesystem:" + this.dir.resolve("migrations")).backupDirectory(this.dir.resolve("backups"))
			.load());
	}

	@Test
	void aConnectionThatFailsDoesNotEchoTheUrl() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		for (String url : List.of("jdbc:postgresql://127.0.0.1:" + closedPort + "/app?user=bob&password=" + SECRET,
				"jdbc:no-such-driver://bob:" + SECRET + "@db.example.com/app",
				"jdbc:no-such-driver://db.example.com/app?user=bob&password=" + SECRET,
				"jdbc:sqlite:" + this.dir.resolve("no/such/folder/app.db") + "?password=" + SECRET)) {
			Migrator migrator = Migrator.configure().url(url, "bob", SECRET).load();
			see(catchThrowable(migrator::migrate));
			see(catchThrowable(migrator::info));
			this.seen.add(migrator.toString());
		}
	}

	private void exercise(Migrator migrator) {
		see(catchThrowable(migrator::migrate)); // 1 applies, 2 fails
		this.seen.add(String.valueOf(migrator.info()));
		this.seen.add(String.valueOf(migrator.lockState()));
		this.seen.add(String.valueOf(migrator.backups()));
		this.seen.add(String.valueOf(migrator.repair()));
		see(catchThrowable(migrator::validate));
		see(catchThrowable(() -> migrator.migrate(RunOptions.dryRunOnly())));
		this.seen.add(String.valueOf(migrator.rollback(1)));
		this.seen.add(migrator.toString());
	}

	/** Every message of the throwable, its causes and suppressed ones, and its toString. */
	private void see(Throwable thrown) {
		if (thrown == null) {
			return;
		}
		this.seen.add(String.valueOf(thrown));
		this.seen.add(String.valueOf(thrown.getMessage()));
		this.seen.add(String.valueOf(thrown.getLocalizedMessage()));
		for (Throwable suppressed : thrown.getSuppressed()) {
			see(suppressed);
		}
		if (thrown.getCause() != null && thrown.getCause() != thrown) {
			see(thrown.getCause());
		}
	}

	/** Writes to the real stream and to the capture, so the build log still shows the output. */
	private static final class Tee extends OutputStream {

		private final OutputStream first;

		private final OutputStream second;

		Tee(OutputStream first, OutputStream second) {
			this.first = first;
			this.second = second;
		}

		@Override
		public void write(int b) throws IOException {
			this.first.write(b);
			this.second.write(b);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			this.first.write(bytes, offset, length);
			this.second.write(bytes, offset, length);
		}

		@Override
		public void flush() throws IOException {
			this.first.flush();
			this.second.flush();
		}

	}

}
