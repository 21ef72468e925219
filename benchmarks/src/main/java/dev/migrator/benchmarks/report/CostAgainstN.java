package dev.migrator.benchmarks.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The chart of cost against the number of applied migrations (issue #17): B6's first call, nothing
 * pending, one line per tool through its medians at each N measured, elapsed and CPU time side by
 * side, both axes logarithmic (a line of slope 1 grows as the work does). Prints the points too.
 * Arguments: the results folder, the PNG to write, the engine (default {@code sqlite}).
 */
public final class CostAgainstN {

	private static final Pattern CASE = Pattern.compile("first call, (\\d+) applied(, CPU time)?");

	private static final int PANEL_WIDTH = 640;

	private static final int PANEL_HEIGHT = 420;

	private CostAgainstN() {
	}

	public static void main(String[] args) throws IOException {
		Path results = Path.of(args[0]);
		Path png = Path.of(args[1]);
		String engine = (args.length > 2) ? args[2] : "sqlite";
		// cpu? -> tool -> N -> median
		Map<Boolean, Map<String, TreeMap<Integer, Double>>> points = new TreeMap<>();
		for (Result result : Result.readAll(results)) {
			Matcher matcher = CASE.matcher(result.caseName());
			if (!"B6".equals(result.scenario()) || !engine.equals(result.engine()) || !matcher.matches()) {
				continue;
			}
			points.computeIfAbsent(matcher.group(2) != null, (cpu) -> new TreeMap<>())
				.computeIfAbsent(result.tool(), (tool) -> new TreeMap<>())
				.put(Integer.parseInt(matcher.group(1)), result.median());
		}
		List<XYChart> panels = new ArrayList<>();
		points.forEach((cpu, tools) -> panels.add(panel(engine, cpu, tools)));
		points.forEach((cpu, tools) -> tools.forEach((tool, line) -> System.out.printf("%s %-16s %s%n",
				cpu ? "CPU    " : "elapsed", tool, line)));
		BufferedImage image = new BufferedImage(Math.max(1, panels.size()) * PANEL_WIDTH, PANEL_HEIGHT,
				BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(Color.WHITE);
		graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
		for (int i = 0; i < panels.size(); i++) {
			graphics.drawImage(BitmapEncoder.getBufferedImage(panels.get(i)), i * PANEL_WIDTH, 0, null);
		}
		graphics.dispose();
		try (OutputStream out = Files.newOutputStream(png)) {
			ImageIO.write(image, "png", out);
		}
	}

	private static XYChart panel(String engine, boolean cpu, Map<String, TreeMap<Integer, Double>> tools) {
		XYChart chart = new XYChartBuilder().width(PANEL_WIDTH)
			.height(PANEL_HEIGHT)
			.title("B6 first call, nothing pending, " + engine + (cpu ? ": CPU time" : ": elapsed"))
			.xAxisTitle("applied migrations")
			.yAxisTitle("ms (median)")
			.build();
		chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
		chart.getStyler().setLegendPosition(LegendPosition.OutsideS).setLegendLayout(LegendLayout.Horizontal).setChartBackgroundColor(Color.WHITE);
		tools.forEach((tool, line) -> {
			List<Integer> n = new ArrayList<>(line.keySet());
			List<Double> ms = new ArrayList<>(line.values());
			chart.addSeries(tool, n, ms).setMarker(SeriesMarkers.CIRCLE);
		});
		return chart;
	}

}
