package art.empathic.report;

import art.empathic.run.EpochStats;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import art.empathic.run.TrainingHistory;

/**
 * Training curves as one PNG of two panels (XChart line charts): loss per epoch on the left,
 * accuracy per epoch on the right, each with the training and (when present) validation series.
 */
public final class TrainingCurvesChart {
  /** Training series colour (blue) and validation series colour (orange), matplotlib's first two. */
  public static final Color TRAIN = new Color(0x1f77b4);
  public static final Color VALIDATION = new Color(0xff7f0e);

  private static final int PANEL_WIDTH = 600;
  private static final int PANEL_HEIGHT = 420;
  private static final int TITLE_HEIGHT = 44;

  private TrainingCurvesChart() {}

  /** The rendered image and the areas of its two panels. */
  public record Rendered(BufferedImage image, Rectangle lossPanel, Rectangle accuracyPanel) {}

  public static Rendered write(Path png, TrainingHistory history, String title) throws IOException {
    Rendered r = render(history, title);
    Png.write(png, r.image());
    return r;
  }

  public static Rendered render(TrainingHistory history, String title) {
    if (history.epochs().isEmpty()) {
      throw new IllegalArgumentException("the training history has no epochs to plot");
    }
    int lastEpoch = history.epochs().stream().mapToInt(EpochStats::epoch).max().orElse(1);
    boolean markers = history.epochs().size() <= 40;
    XYChart loss = panel("Loss", "Cross-entropy loss", markers, lastEpoch);
    addSeries(loss, "Training", history, EpochStats::trainLoss, 1, TRAIN);
    addSeries(loss, "Validation", history, EpochStats::valLoss, 1, VALIDATION);
    loss.getStyler().setYAxisMin(0.0);
    XYChart acc = panel("Accuracy", "Accuracy (%)", markers, lastEpoch);
    addSeries(acc, "Training", history, EpochStats::trainAccuracy, 100, TRAIN);
    addSeries(acc, "Validation", history, EpochStats::valAccuracy, 100, VALIDATION);
    acc.getStyler().setYAxisMin(0.0);
    acc.getStyler().setYAxisMax(100.0);
    acc.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);

    BufferedImage img = new BufferedImage(2 * PANEL_WIDTH, PANEL_HEIGHT + TITLE_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Png.smooth(img);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 19);
    g.setFont(titleFont);
    g.setColor(new Color(0x1f2933));
    FontMetrics fm = g.getFontMetrics();
    g.drawString(title, (img.getWidth() - fm.stringWidth(title)) / 2, 14 + fm.getAscent());
    g.drawImage(BitmapEncoder.getBufferedImage(loss), 0, TITLE_HEIGHT, null);
    g.drawImage(BitmapEncoder.getBufferedImage(acc), PANEL_WIDTH, TITLE_HEIGHT, null);
    g.dispose();
    return new Rendered(img, new Rectangle(0, TITLE_HEIGHT, PANEL_WIDTH, PANEL_HEIGHT),
        new Rectangle(PANEL_WIDTH, TITLE_HEIGHT, PANEL_WIDTH, PANEL_HEIGHT));
  }

  private static XYChart panel(String title, String yTitle, boolean markers, int lastEpoch) {
    XYChart c = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title)
        .xAxisTitle("Epoch").yAxisTitle(yTitle).build();
    var s = c.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderColor(new Color(0x9aa5b1));
    s.setPlotGridLinesColor(new Color(0xe4e7eb));
    s.setPlotGridLinesStroke(new BasicStroke(1f));
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    s.setChartTitleBoxVisible(false);
    s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    s.setLegendPosition(Styler.LegendPosition.InsideNE);
    s.setLegendBorderColor(new Color(0xbcccdc));
    s.setMarkerSize(markers ? 6 : 0);
    s.setXAxisDecimalPattern("#0");
    if (lastEpoch > 30) {
      // Long runs: round ticks from 0 (0, 100, 200, ...) spaced for readable labels. XChart
      // labels equally spaced x values one by one (overlapping for hundreds of epochs); an
      // invisible point off the grid makes it use its ordinary numeric ticks instead.
      s.setXAxisMin(0.0);
      s.setXAxisMax((double) lastEpoch);
      XYSeries offGrid = c.addSeries("\u0000axis", new double[] {0.5}, new double[] {0.0});
      offGrid.setShowInLegend(false);
      offGrid.setMarker(SeriesMarkers.NONE);
      offGrid.setLineColor(new Color(0, 0, 0, 0));
      offGrid.setMarkerColor(new Color(0, 0, 0, 0));
    }
    s.setChartPadding(12);
    s.setAntiAlias(true);
    return c;
  }

  private static void addSeries(XYChart chart, String name, TrainingHistory h,
      Function<EpochStats, Double> value, double scale, Color colour) {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (EpochStats e : h.epochs()) {
      Double v = value.apply(e);
      if (v != null && Double.isFinite(v)) {
        xs.add((double) e.epoch());
        ys.add(v * scale);
      }
    }
    if (xs.isEmpty()) {
      return;
    }
    XYSeries s = chart.addSeries(name, xs, ys);
    s.setLineColor(colour);
    s.setMarkerColor(colour);
    s.setMarker(SeriesMarkers.CIRCLE);
    s.setLineWidth(2.2f);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
  }
}
