package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.ValidationException;
import dev.migrator.core.internal.resolve.Checksums;

/**
 * A data migration larger than the engine holds in memory (over 4 MB) is streamed: read once when
 * resolved and again as it runs. It must behave as a small file does: same checksum, directives,
 * description, errors naming file and line, nothing left behind by a failure. (That its memory stays
 * bounded is B5 of the benchmarks, which runs 200 MB under -Xmx64m.)
 */
class LargeScriptTest {

	/** Comfortably over the 4 MB above which scripts are streamed. */
	private static final int ROWS = 12_000;

	/** Long rows: fewer statements make the same size, and the test quicker. */
	private static final String PAYLOAD = "a payload long enough to make the file large; ".repeat(8) + "row ";

	@TempDir
	Path dir;

	private SqliteFixture fx;

	@BeforeEach
	void setUp() throws IOException {
		this.fx = new SqliteFixture(this.dir);
	}

	@Test
	void isAppliedWithTheChecksumOfItsTextAsASmallFileWouldBe() throws Exception {
		// a byte-order mark, CRLF line endings and a non-ASCII character: everything the checksum normalises
		String text = "-- Loads the régions\r\n-- migrator:statement-timeout=5min\r\n"
				+ "CREATE TABLE data_rows (id INTEGER PRIMARY KEY, payload VARCHAR(200) NOT NULL);\r\n" + inserts(ROWS, "\r\n");
		Path file = this.fx.migrations.resolve("1_load.sql");
		try (OutputStream out = Files.newOutputStream(file)) {
			out.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		assertThat(Files.size(file)).isGreaterThan(4L * 1024 * 1024);

		this.fx.migrator().migrate();

		assertThat(this.fx.query("SELECT COUNT(*), MAX(id) FROM data_rows")).containsExactly(ROWS + "|" + ROWS);
		assertThat(this.fx.query("SELECT checksum, description FROM schema_migrations WHERE version = '1'"))
			.containsExactly(Checksums.sha256(text) + "|Loads the régions");
		assertThat(this.fx.migrator().validate()).isNotNull();
	}

	@Test
	void aFailingStatementDeepInsideIsNamedByLineAndNothingStays() throws Exception {
		String text = "CREATE TABLE data_rows (id INTEGER PRIMARY KEY, payload VARCHAR(200) NOT NULL);\n" + inserts(ROWS, "\n")
				+ "INSERT INTO no_such_table VALUES (1);\n" + inserts(10, "\n");
		this.fx.write("1_load.sql", text);
		int badLine = ROWS + 2;

		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("1_load.sql:" + badLine)
			.hasMessageContaining("no such table: no_such_table");
		assertThat(this.fx.tables()).doesNotContain("data_rows");
	}

	@Test
	void anUnterminatedQuoteNearTheEndStopsTheRunBeforeAnythingRuns() throws Exception {
		String text = "CREATE TABLE data_rows (id INTEGER PRIMARY KEY, payload VARCHAR(200) NOT NULL);\n" + inserts(ROWS, "\n")
				+ "INSERT INTO data_rows VALUES (0, 'never closed);\n";
		this.fx.write("1_load.sql", "CREATE TABLE first (id INTEGER);\n").write("2_load.sql", text);

		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("2_load.sql:" + (ROWS + 2));
		assertThat(this.fx.tables()).doesNotContain("first", "data_rows");
	}

	@Test
	void sectionsAreRefusedWithWhereToPutThem() throws Exception {
		String text = "CREATE TABLE data_rows (id INTEGER PRIMARY KEY, payload VARCHAR(200) NOT NULL);\n" + inserts(ROWS, "\n")
				+ "-- migrate:down\nDROP TABLE data_rows;\n";
		this.fx.write("1_load.sql", text);

		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("1_load.sql:" + (ROWS + 2))
			.hasMessageContaining("1_load.down.sql");
		assertThat(this.fx.tables()).doesNotContain("data_rows");
	}

	@Test
	void badUtf8IsRefusedWithItsOffset() throws Exception {
		byte[] good = ("CREATE TABLE data_rows (id INTEGER PRIMARY KEY, payload VARCHAR(200) NOT NULL);\n"
				+ inserts(ROWS, "\n")).getBytes(StandardCharsets.UTF_8);
		Path file = this.fx.migrations.resolve("1_load.sql");
		try (OutputStream out = Files.newOutputStream(file)) {
			out.write(good);
			out.write(new byte[] { 'x', (byte) 0xC3, '(', '\n' });
		}

		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("1_load.sql: is not valid UTF-8 (bad bytes at offset " + (good.length + 1) + ")");
	}

	@Test
	void fromAJarItIsStreamedFromItsEntryWithTheChecksumItHasInAFolder() throws Exception {
		String text = "-- Loads the rows\nCREATE TABLE data_rows (id INTEGER PRIMARY KEY, payload VARCHAR(200) NOT NULL);\n"
				+ "-- migrator:statement-timeout=5min\n" + inserts(ROWS, "\n");
		Path jar = this.dir.resolve("migrations.jar");
		try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
			// the folders' entries too, as a build writes them: the class loader finds the location by its entry
			out.putNextEntry(new java.util.jar.JarEntry("db/"));
			out.closeEntry();
			out.putNextEntry(new java.util.jar.JarEntry("db/large/"));
			out.closeEntry();
			out.putNextEntry(new java.util.jar.JarEntry("db/large/1_load.sql"));
			out.write(text.getBytes(StandardCharsets.UTF_8));
			out.closeEntry();
		}
		try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] { jar.toUri().toURL() },
				getClass().getClassLoader())) {
			Migrator migrator = Migrator.configure().url(this.fx.url()).locations("classpath:db/large").classLoader(loader).load();

			migrator.migrate();

			assertThat(this.fx.query("SELECT COUNT(*) FROM data_rows")).containsExactly(String.valueOf(ROWS));
			assertThat(this.fx.query("SELECT checksum, description FROM schema_migrations WHERE version = '1'"))
				.containsExactly(Checksums.sha256(text) + "|Loads the rows");
			// a directive below the first statement is not read, and the file says so with its line
			assertThat(migrator.validate().warnings()).anyMatch((w) -> w.endsWith("1_load.sql:3: directive"
					+ " '-- migrator:statement-timeout=5min' has no effect here; directives belong in the comments before"
					+ " the first statement"));
		}
	}

	private static String inserts(int rows, String lineEnd) {
		StringBuilder sql = new StringBuilder();
		for (int i = 1; i <= rows; i++) {
			sql.append("INSERT INTO data_rows (id, payload) VALUES (").append(i)
				.append(", '").append(PAYLOAD).append(i).append("');").append(lineEnd);
		}
		return sql.toString();
	}

}
