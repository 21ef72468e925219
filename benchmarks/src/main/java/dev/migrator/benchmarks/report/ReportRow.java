package dev.migrator.benchmarks.report;

import java.util.Map;

/**
 * One line of the report: a result and how it compares with the others measured beside it (same
 * scenario, engine, case and unit). Ratios are median divided by median.
 *
 * @param result the measured figure
 * @param baseline the floor it is compared with (raw-jdbc, spring-boot-alone, file-copy), or null
 * @param ratioToBaseline this median over the baseline's, or null without a baseline
 * @param overBaseline this median minus the baseline's, in the result's unit, or null
 * @param ratioToPeers this median over each competing tool's median, by tool, in report order
 */
public record ReportRow(Result result, String baseline, Double ratioToBaseline, Double overBaseline,
		Map<String, Double> ratioToPeers) {

	/** The key the comparisons are made within. */
	String group() {
		return group(this.result);
	}

	static String group(Result result) {
		return result.scenario() + "|" + result.engine() + "|" + result.caseName() + "|" + result.unit();
	}

}
