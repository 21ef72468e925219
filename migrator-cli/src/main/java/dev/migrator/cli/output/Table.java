package dev.migrator.cli.output;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A text table with aligned columns. Widths are measured on the plain text and colour is added
 * after padding, so escape codes never push a column out of line.
 */
public final class Table {

	private static final String INDENT = "  ";

	private static final String GAP = "  ";

	private final String[] headers;

	private final List<String[]> rows = new ArrayList<>();

	private final List<UnaryOperator<String>> styles = new ArrayList<>();

	public Table(String... headers) {
		this.headers = headers.clone();
		for (int i = 0; i < headers.length; i++) {
			this.styles.add(UnaryOperator.identity());
		}
	}

	/** Colours a column's cells, given each cell's text. */
	public Table style(int column, UnaryOperator<String> style) {
		this.styles.set(column, style);
		return this;
	}

	/** Adds a row; null cells are shown as "-". */
	public Table row(String... cells) {
		if (cells.length != this.headers.length) {
			throw new IllegalArgumentException("Expected " + this.headers.length + " cells, got " + cells.length);
		}
		String[] row = new String[cells.length];
		for (int i = 0; i < cells.length; i++) {
			row[i] = (cells[i] != null) ? cells[i] : "-";
		}
		this.rows.add(row);
		return this;
	}

	/** The table's lines: a header line, then one per row; the last column is not padded. */
	public List<String> lines(Terminal terminal) {
		int[] widths = new int[this.headers.length];
		for (int i = 0; i < widths.length; i++) {
			widths[i] = this.headers[i].length();
			for (String[] row : this.rows) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		List<String> lines = new ArrayList<>();
		lines.add(line(this.headers, widths, terminal, true));
		for (String[] row : this.rows) {
			lines.add(line(row, widths, terminal, false));
		}
		return lines;
	}

	/** Prints the table as part of the command's report. */
	public void print(Terminal terminal) {
		lines(terminal).forEach(terminal::report);
	}

	/** Prints the rows without the header line: for label-value lists. */
	public void printRows(Terminal terminal) {
		lines(terminal).stream().skip(1).forEach(terminal::report);
	}

	private String line(String[] cells, int[] widths, Terminal terminal, boolean header) {
		StringBuilder line = new StringBuilder(INDENT);
		for (int i = 0; i < cells.length; i++) {
			boolean last = i == cells.length - 1;
			String padded = last ? cells[i] : pad(cells[i], widths[i]);
			line.append(header ? terminal.bold(padded) : this.styles.get(i).apply(padded));
			if (!last) {
				line.append(GAP);
			}
		}
		return line.toString().stripTrailing();
	}

	private static String pad(String text, int width) {
		return text + " ".repeat(width - text.length());
	}

}
