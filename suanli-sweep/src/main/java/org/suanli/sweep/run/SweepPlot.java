package org.suanli.sweep.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.suanli.BadInputException;

/**
 * The common look at a sweep: a scatter of one column against another, one series per value of an optional colour column (at
 * most {@value #MAX_SERIES}, the rest as "other"), written as PNG or SVG by XChart. Infeasible points (an error) are left out.
 */
public final class SweepPlot {
    static final int MAX_SERIES = 12;

    private SweepPlot() {
    }

    /** Writes the plot to {@code out} (.png or .svg) and returns the number of points drawn. */
    public static int write(Path results, String x, String y, String color, Path out) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean svg = name.endsWith(".svg");
        if (!svg && !name.endsWith(".png")) {
            throw new BadInputException("--out " + out, "unknown image format", "expected a name ending in .png or .svg");
        }
        String sql = "SELECT " + Columns.quote(x) + "::DOUBLE, " + Columns.quote(y) + "::DOUBLE"
                + (color == null ? ", ''" : ", " + Columns.quote(color) + "::VARCHAR") + " FROM results WHERE error IS NULL AND "
                + Columns.quote(x) + " IS NOT NULL AND " + Columns.quote(y) + " IS NOT NULL";
        SweepQuery.Answer a;
        try {
            a = SweepQuery.run(results, sql);
        } catch (BadInputException e) {
            throw new BadInputException("--x/--y/--color", e.what(), "expected column names of the results (sweep query RESULTS "
                    + "'DESCRIBE results' lists them)");
        }
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (List<Object> r : a.rows()) {
            String key = String.valueOf(r.get(2));
            if (!series.containsKey(key) && series.size() >= MAX_SERIES) {
                key = "other";
            }
            series.computeIfAbsent(key, k -> new ArrayList<>()).add(new double[] {((Number) r.get(0)).doubleValue(),
                    ((Number) r.get(1)).doubleValue()});
        }
        XYChart chart = new XYChartBuilder().width(1000).height(640).title(y + " against " + x).xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendVisible(color != null);
        if (series.isEmpty()) {
            chart.addSeries("no feasible points", new double[] {0}, new double[] {0});
        }
        series.forEach((k, pts) -> chart.addSeries(color == null ? y : color + "=" + k, pts.stream().mapToDouble(p -> p[0]).toArray(),
                pts.stream().mapToDouble(p -> p[1]).toArray()));
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try {
            if (svg) {
                VectorGraphicsEncoder.saveVectorGraphic(chart, tmp.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
                Files.move(Path.of(tmp + ".svg"), out, StandardCopyOption.REPLACE_EXISTING);
            } else {
                BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
                Files.move(Path.of(tmp + ".png"), out, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new BadInputException("--out " + out, "cannot write (" + e.getMessage() + ")", "expected a writable path");
        }
        return a.rows().size();
    }
}
