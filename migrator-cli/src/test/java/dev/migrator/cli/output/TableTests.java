package dev.migrator.cli.output;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TableTests {

	private static Terminal terminal(boolean colour) {
		PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
		return new Terminal(sink, sink, false, colour, false, false, 0);
	}

	@Test
	void alignsColumnsToTheWidestCellAndShowsAbsentCellsAsADash() {
		Table table = new Table("VERSION", "NAME", "STATUS").row("001", "create tasks", "applied")
			.row("1.10.2", null, "pending");

		assertThat(table.lines(terminal(false))).containsExactly(
				"  VERSION  NAME          STATUS",
				"  001      create tasks  applied",
				"  1.10.2   -             pending");
	}

	@Test
	void colourDoesNotMoveColumns() {
		Terminal terminal = terminal(true);
		Table table = new Table("A", "B").style(0, terminal::red).row("x", "1").row("long", "2");

		List<String> plain = table.lines(terminal).stream().map((line) -> line.replaceAll("\u001b\\[[0-9;]*m", "")).toList();

		assertThat(plain).containsExactly("  A     B", "  x     1", "  long  2");
	}

}
