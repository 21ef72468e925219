package dev.migrator.benchmarks.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * The medians as a PNG: one panel per scenario and case (each on its own scale, since a start-up in
 * seconds and a check in milliseconds share no axis), the tools along the bottom, one bar per
 * engine, its value written on it.
 */
final class ReportChart {

	private static final int PANEL_WIDTH = 640;

	private static final int PANEL_HEIGHT = 380;

	private final List<ReportRow> rows;

	ReportChart(List<ReportRow> rows) {
		this.rows = rows;
	}

	void write(Path file) throws IOException {
		List<CategoryChart> panels = panels();
		int columns = (panels.size() > 1) ? 2 : 1;
		int rowsOfPanels = (panels.size() + columns - 1) / columns;
		// XChart's own grid wants exactly rows x columns charts; an odd count leaves a blank cell here
		BufferedImage image = new BufferedImage(columns * PANEL_WIDTH, rowsOfPanels * PANEL_HEIGHT,
				BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(Color.WHITE);
		graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
		for (int i = 0; i < panels.size(); i++) {
			graphics.drawImage(BitmapEncoder.getBufferedImage(panels.get(i)), (i % columns) * PANEL_WIDTH,
					(i / columns) * PANEL_HEIGHT, null);
		}
		graphics.dispose();
		try (OutputStream out = Files.newOutputStream(file)) {
			ImageIO.write(image, "png", out);
		}
	}

	List<CategoryChart> panels() {
		// scenario + case + unit -> engine -> tool -> median, in report order
		Map<String, Map<String, Map<String, Double>>> panels = new LinkedHashMap<>();
		Map<String, String> units = new LinkedHashMap<>();
		for (ReportRow row : this.rows) {
			Result result = row.result();
			String title = result.scenario() + ": " + result.caseName();
			String key = title + " (" + result.unit() + ")";
			units.put(key, result.unit());
			panels.computeIfAbsent(key, (k) -> new LinkedHashMap<>())
				.computeIfAbsent(result.engine(), (e) -> new LinkedHashMap<>())
				.put(result.tool(), result.median());
		}
		List<CategoryChart> charts = new ArrayList<>();
		panels.forEach((title, engines) -> charts.add(panel(title, units.get(title), engines)));
		return charts;
	}

	private static CategoryChart panel(String title, String unit, Map<String, Map<String, Double>> engines) {
		List<String> tools = new ArrayList<>();
		engines.values().forEach((byTool) -> byTool.keySet().stream().filter((tool) -> !tools.contains(tool)).forEach(tools::add));
		tools.sort((a, b) -> Integer.compare(Report.rank(Report.TOOL_ORDER, a), Report.rank(Report.TOOL_ORDER, b)));
		CategoryChart chart = new CategoryChartBuilder().width(PANEL_WIDTH)
			.height(PANEL_HEIGHT)
			.title(title)
			.yAxisTitle("median, " + unit)
			.build();
		CategoryStyler styler = chart.getStyler();
		styler.setLegendPosition(LegendPosition.OutsideS);
		styler.setLegendLayout(LegendLayout.Horizontal);
		styler.setChartBackgroundColor(Color.WHITE);
		styler.setLabelsVisible(true);
		// the value inside the top of its bar, in the digits the table uses
		styler.setLabelsPosition(0.92);
		styler.setDecimalPattern(decimalPattern(engines));
		styler.setYAxisMin(0.0);
		styler.setChartTitleFont(styler.getChartTitleFont().deriveFont(13f));
		engines.forEach((engine, byTool) -> {
			// a tool not measured on this engine gets no bar, rather than a bar of zero
			List<Double> medians = tools.stream().map(byTool::get).toList();
			chart.addSeries(engine, tools, medians);
		});
		return chart;
	}

	/** 12,345 / 123 / 12.3 / 1.23 / 0.123, after the largest median in the panel. */
	private static String decimalPattern(Map<String, Map<String, Double>> engines) {
		double largest = engines.values().stream().flatMap((byTool) -> byTool.values().stream())
			.mapToDouble(Math::abs).max().orElse(0);
		return (largest >= 100) ? "#,##0" : (largest >= 10) ? "0.0" : (largest >= 1) ? "0.00" : "0.000";
	}

}
