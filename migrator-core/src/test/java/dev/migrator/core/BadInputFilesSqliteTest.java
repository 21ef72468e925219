package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.migrator.core.api.MigrationFailedException;

/**
 * The bad-input catalogue for files and scripts on a real SQLite file, plus a big script, which
 * needs no server to show what the engine does with a file that size: 16 MB in the normal build,
 * 100 MB in the {@code reliability} profile ({@code -Dmigrator.big-script.mb=N}).
 */
class BadInputFilesSqliteTest extends BadInputFilesScenarios {

	private static final long SCRIPT_MB = Long.getLong("migrator.big-script.mb", 16);

	private static final long SCRIPT_BYTES = SCRIPT_MB * 1024 * 1024;

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new SqliteFixture(dir);
	}

	@Test
	void bigScriptApplies() throws Exception {
		Script script = generate("2_big.sql", false);
		resetPeakHeap();
		long start = System.nanoTime();

		this.fx.migrator().migrate();

		long millis = (System.nanoTime() - start) / 1_000_000;
		print("a " + SCRIPT_MB + " MB script", "applies correctly", String.format("%,d bytes, %,d statements, applied in %,d ms, peak heap %,d MB",
				script.bytes(), script.statements(), millis, peakHeap() / (1024 * 1024)));
		assertThat(this.fx.query("SELECT count(*), max(id) FROM big"))
			.containsExactly((script.statements() - 1) + "|" + (script.statements() - 1));
		assertThat(this.fx.query("SELECT payload FROM big WHERE id = 1")).singleElement()
			.asString()
			.startsWith("it's row 1; ");
	}

	@Test
	void bigScriptFailingInItsLastStatementNamesTheLine() throws Exception {
		Script script = generate("2_big.sql", true);
		List<String> before = appData();
		resetPeakHeap();
		long start = System.nanoTime();

		MigrationFailedException ex = refused("a " + SCRIPT_MB + " MB script, error in its last statement",
				MigrationFailedException.class, () -> this.fx.migrator().migrate());

		long millis = (System.nanoTime() - start) / 1_000_000;
		print("a " + SCRIPT_MB + " MB script, error in its last statement", "figures", String.format(
				"%,d bytes, failed after %,d ms, peak heap %,d MB", script.bytes(), millis, peakHeap() / (1024 * 1024)));
		assertThat(ex.line()).isEqualTo(script.lastLine());
		assertThat(ex).hasMessageContaining(path("2_big.sql") + ":" + script.lastLine() + ": ")
			.hasMessageContaining("Nothing of it was applied");
		assertThat(appData()).isEqualTo(before);
	}

	record Script(long bytes, int statements, int lastLine) {
	}

	/**
	 * Writes a script of just over {@link #SCRIPT_MB} MB straight to disk, statement by statement, so the test
	 * never holds it whole: rows of about 1 kB with quotes, semicolons and comments in them, which
	 * the splitter must all get right; optionally a last statement the database refuses.
	 */
	private Script generate(String name, boolean failAtTheEnd) throws IOException {
		Path file = this.fx.migrations.resolve(name);
		String filler = "x".repeat(960);
		int statements = 0;
		int line = 1;
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("-- a generated script of about " + SCRIPT_MB + " MB\nCREATE TABLE big (id INTEGER PRIMARY KEY, payload TEXT);\n");
			line += 2;
			statements++;
			while (Files.size(file) < SCRIPT_BYTES || statements % 1000 != 0) {
				out.write("INSERT INTO big VALUES (" + statements + ", 'it''s row " + statements + "; " + filler
						+ "'); /* row " + statements + " */\n");
				line++;
				statements++;
				if (statements % 1000 == 0) {
					out.flush();
				}
			}
			if (failAtTheEnd) {
				out.write("INSERT INTO nowhere VALUES (1);\n");
				line++;
				statements++;
			}
		}
		return new Script(Files.size(file), statements, line - 1);
	}

	private static void resetPeakHeap() {
		System.gc();
		heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
	}

	/** The sum of the heap pools' peaks since the reset: an upper bound of what the run held. */
	private static long peakHeap() {
		return heapPools().stream().mapToLong((pool) -> pool.getPeakUsage().getUsed()).sum();
	}

	private static List<MemoryPoolMXBean> heapPools() {
		return ManagementFactory.getMemoryPoolMXBeans().stream().filter((pool) -> pool.getType() == MemoryType.HEAP).toList();
	}

}
