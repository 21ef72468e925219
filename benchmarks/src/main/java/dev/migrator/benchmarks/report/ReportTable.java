package dev.migrator.benchmarks.report;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.migrator.benchmarks.report.Report.Machine;

/**
 * The report as a markdown table: one line per result, its median, spread and number of runs, how it
 * compares with the floor (ratio, and how much it adds) and with each competing tool. Notes follow,
 * once per case.
 */
final class ReportTable {

	private final List<ReportRow> rows;

	private final Machine machine;

	private final Instant generated;

	ReportTable(List<ReportRow> rows, Machine machine, Instant generated) {
		this.rows = rows;
		this.machine = machine;
		this.generated = generated;
	}

	String markdown() {
		StringBuilder table = new StringBuilder();
		table.append("Measured ").append(this.generated).append(" on ").append(this.machine.describe())
			.append(". Median of the runs, min – max beside it; a ratio is one median over another.\n\n");
		table.append("| scenario | engine | case | tool | median | min – max | runs | vs the floor | vs peers |\n");
		table.append("|---|---|---|---|---:|---:|---:|---|---|\n");
		for (ReportRow row : this.rows) {
			Result result = row.result();
			String digits = digits(result.median());
			table.append("| ").append(result.scenario())
				.append(" | ").append(result.engine())
				.append(" | ").append(result.caseName())
				.append(" | ").append(result.tool())
				.append(" | ").append(number(result.median(), digits)).append(' ').append(result.unit())
				.append(" | ").append(number(result.min(), digits)).append(" – ").append(number(result.max(), digits))
				.append(" | ").append(result.samples().size())
				.append(" | ").append(floor(row, digits))
				.append(" | ").append(peers(row))
				.append(" |\n");
		}
		Map<String, String> notes = new LinkedHashMap<>();
		for (ReportRow row : this.rows) {
			Result result = row.result();
			if (!result.notes().isBlank()) {
				notes.merge(result.scenario() + ", " + result.engine() + ", " + result.caseName(), result.notes(),
						(a, b) -> a.equals(b) ? a : a + " / " + b);
			}
		}
		if (!notes.isEmpty()) {
			table.append("\nNotes:\n\n");
			notes.forEach((what, note) -> table.append("- ").append(what).append(": ").append(note).append('\n'));
		}
		return table.toString();
	}

	private static String floor(ReportRow row, String digits) {
		if (row.baseline() == null) {
			return Report.BASELINES.contains(row.result().tool()) ? "the floor" : "";
		}
		String sign = (row.overBaseline() >= 0) ? "+" : "−";
		return ratio(row.ratioToBaseline()) + " " + row.baseline() + " (" + sign + number(Math.abs(row.overBaseline()), digits)
				+ " " + row.result().unit() + ")";
	}

	private static String peers(ReportRow row) {
		return row.ratioToPeers()
			.entrySet()
			.stream()
			.map((peer) -> ratio(peer.getValue()) + " " + peer.getKey())
			.collect(Collectors.joining(", "));
	}

	private static String ratio(double ratio) {
		return String.format(Locale.ROOT, (ratio >= 10) ? "%.0f×" : "%.2f×", ratio);
	}

	/**
	 * As many digits as a reader needs for the median (12,345 / 123 / 12.3 / 1.23 / 0.123), and the
	 * same for the figures beside it, so they line up.
	 */
	static String digits(double median) {
		double magnitude = Math.abs(median);
		return (magnitude >= 100) ? "%,.0f" : (magnitude >= 10) ? "%.1f" : (magnitude >= 1) ? "%.2f" : "%.3f";
	}

	static String number(double value, String digits) {
		return String.format(Locale.ROOT, digits, value);
	}

}
