package art.empathic.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The confusion matrix as a heatmap, the way speech-emotion papers show it: true labels on the
 * y axis, predicted labels on the x axis, the count in every cell (with the share of its true
 * class underneath), a sequential blue colour scale and a colour bar. Drawn with Java2D for
 * full control over the annotations.
 */
public final class ConfusionMatrixChart {
  /** matplotlib's "Blues" colour map, light to dark. */
  private static final Color[] BLUES = {
      new Color(0xf7fbff), new Color(0xdeebf7), new Color(0xc6dbef), new Color(0x9ecae1),
      new Color(0x6baed6), new Color(0x4292c6), new Color(0x2171b5), new Color(0x08519c),
      new Color(0x08306b)};
  private static final Color INK = new Color(0x1f2933);
  private static final String FONT = Font.SANS_SERIF;

  private ConfusionMatrixChart() {}

  /**
   * A rendered chart and where its parts are, so tests can look at the right pixels.
   *
   * @param matrix the area of the cells; cell (t, p) is at column p, row t
   * @param colourBar the colour bar's gradient
   */
  public record Rendered(BufferedImage image, Rectangle matrix, Rectangle colourBar, int cellSize) {
    /** The rectangle of the cell for true class {@code t}, predicted class {@code p}. */
    public Rectangle cell(int t, int p) {
      return new Rectangle(matrix.x + p * cellSize, matrix.y + t * cellSize, cellSize, cellSize);
    }
  }

  /** Renders and writes the PNG atomically. */
  public static Rendered write(Path png, List<String> classes, int[][] counts, String title) throws IOException {
    Rendered r = render(classes, counts, title);
    Png.write(png, r.image());
    return r;
  }

  /** Renders the heatmap; {@code counts} rows are true classes, columns predicted. */
  public static Rendered render(List<String> classes, int[][] counts, String title) {
    int k = classes.size();
    if (counts.length != k) {
      throw new IllegalArgumentException("confusion matrix has " + counts.length + " rows for " + k + " classes");
    }
    int max = 0;
    long[] rowSum = new long[k];
    for (int t = 0; t < k; t++) {
      if (counts[t].length != k) {
        throw new IllegalArgumentException("confusion matrix row " + t + " has " + counts[t].length + " columns");
      }
      for (int p = 0; p < k; p++) {
        max = Math.max(max, counts[t][p]);
        rowSum[t] += counts[t][p];
      }
    }
    int cell = Math.max(40, Math.min(84, 600 / k));
    Font titleFont = new Font(FONT, Font.BOLD, 19);
    Font axisFont = new Font(FONT, Font.BOLD, 15);
    Font tickFont = new Font(FONT, Font.PLAIN, 14);
    Font countFont = new Font(FONT, Font.BOLD, cell >= 60 ? 17 : 13);
    Font shareFont = new Font(FONT, Font.PLAIN, 11);

    // Measure labels on a scratch image to lay the chart out.
    BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D sg = Png.smooth(scratch);
    FontMetrics tickFm = sg.getFontMetrics(tickFont);
    int longest = 0;
    for (String c : classes) {
      longest = Math.max(longest, tickFm.stringWidth(c));
    }
    FontMetrics titleFm = sg.getFontMetrics(titleFont);
    int titleWidth = titleFm.stringWidth(title);
    sg.dispose();
    boolean rotateX = longest > cell - 6;
    int xLabelHeight = rotateX ? (int) Math.ceil(longest * Math.sin(Math.toRadians(40))) + 20 : tickFm.getHeight() + 6;

    int left = 24 + 22 + longest + 10;   // axis title, tick labels
    int top = 30 + titleFm.getHeight() + 18;
    int matrixSize = cell * k;
    int barGap = 28;
    int barWidth = 22;
    int barLabels = 16 + tickFm.stringWidth(Integer.toString(Math.max(max, 1))) + 8;
    int width = Math.max(left + matrixSize + barGap + barWidth + barLabels + 20, titleWidth + 60);
    int height = top + matrixSize + 10 + xLabelHeight + 36;

    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Png.smooth(img);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);

    // Title, centred over the whole image.
    g.setFont(titleFont);
    g.setColor(INK);
    g.drawString(title, (width - titleWidth) / 2, 24 + titleFm.getAscent());

    Rectangle matrix = new Rectangle(left, top, matrixSize, matrixSize);
    for (int t = 0; t < k; t++) {
      for (int p = 0; p < k; p++) {
        int x = left + p * cell;
        int y = top + t * cell;
        Color fill = colour(max == 0 ? 0 : (double) counts[t][p] / max);
        g.setColor(fill);
        g.fillRect(x, y, cell, cell);
        Color text = luminance(fill) < 0.5 ? Color.WHITE : INK;
        g.setColor(text);
        String count = Integer.toString(counts[t][p]);
        boolean withShare = cell >= 56 && rowSum[t] > 0;
        FontMetrics cfm = g.getFontMetrics(countFont);
        int cy = withShare ? y + cell / 2 - 2 : y + (cell + cfm.getAscent() - cfm.getDescent()) / 2;
        g.setFont(countFont);
        g.drawString(count, x + (cell - cfm.stringWidth(count)) / 2, cy);
        if (withShare) {
          String share = Math.round(100.0 * counts[t][p] / rowSum[t]) + "%";
          FontMetrics sfm = g.getFontMetrics(shareFont);
          g.setFont(shareFont);
          g.drawString(share, x + (cell - sfm.stringWidth(share)) / 2, cy + sfm.getAscent() + 4);
        }
      }
    }
    g.setColor(new Color(0x9aa5b1));
    g.setStroke(new BasicStroke(1f));
    g.drawRect(left, top, matrixSize, matrixSize);

    // Tick labels: true classes left of the rows, predicted classes under the columns.
    g.setFont(tickFont);
    g.setColor(INK);
    for (int i = 0; i < k; i++) {
      String c = classes.get(i);
      int w = tickFm.stringWidth(c);
      g.drawString(c, left - 8 - w, top + i * cell + (cell + tickFm.getAscent() - tickFm.getDescent()) / 2);
      int cx = left + i * cell + cell / 2;
      int ty = top + matrixSize + 8;
      if (rotateX) {
        AffineTransform saved = g.getTransform();
        g.translate(cx + 4, ty + tickFm.getAscent() / 2);
        g.rotate(Math.toRadians(-40));
        g.drawString(c, -w, 0);
        g.setTransform(saved);
      } else {
        g.drawString(c, cx - w / 2, ty + tickFm.getAscent());
      }
    }

    // Axis titles.
    g.setFont(axisFont);
    FontMetrics afm = g.getFontMetrics(axisFont);
    String xTitle = "Predicted label";
    g.drawString(xTitle, left + (matrixSize - afm.stringWidth(xTitle)) / 2, height - 14);
    String yTitle = "True label";
    AffineTransform saved = g.getTransform();
    g.translate(24 + afm.getAscent(), top + (matrixSize + afm.stringWidth(yTitle)) / 2);
    g.rotate(-Math.PI / 2);
    g.drawString(yTitle, 0, 0);
    g.setTransform(saved);

    // Colour bar: the gradient from 0 (bottom) to the largest count (top), with ticks.
    Rectangle bar = new Rectangle(left + matrixSize + barGap, top, barWidth, matrixSize);
    for (int y = 0; y < bar.height; y++) {
      g.setColor(colour(1.0 - (double) y / (bar.height - 1)));
      g.fillRect(bar.x, bar.y + y, bar.width, 1);
    }
    g.setColor(new Color(0x9aa5b1));
    g.drawRect(bar.x, bar.y, bar.width, bar.height);
    g.setFont(tickFont);
    for (int tick : ticks(max)) {
      int y = bar.y + bar.height - (int) Math.round((double) tick / Math.max(max, 1) * bar.height);
      g.setColor(INK);
      g.drawLine(bar.x + bar.width, y, bar.x + bar.width + 5, y);
      g.drawString(Integer.toString(tick), bar.x + bar.width + 9, y + (tickFm.getAscent() - tickFm.getDescent()) / 2);
    }
    g.dispose();
    return new Rendered(img, matrix, bar, cell);
  }

  /** Round tick values from 0 to max: steps of 1, 2 or 5 times a power of ten, about five ticks. */
  static int[] ticks(int max) {
    if (max <= 0) {
      return new int[] {0};
    }
    double raw = max / 5.0;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    int step = (int) Math.max(1, mag * (raw / mag <= 1 ? 1 : raw / mag <= 2 ? 2 : raw / mag <= 5 ? 5 : 10));
    int n = max / step + 1;
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = i * step;
    }
    return t;
  }

  /** The Blues colour for a value in [0, 1], interpolated between the map's anchors. */
  static Color colour(double v) {
    double x = Math.max(0, Math.min(1, v)) * (BLUES.length - 1);
    int i = Math.min((int) Math.floor(x), BLUES.length - 2);
    double f = x - i;
    Color a = BLUES[i];
    Color b = BLUES[i + 1];
    return new Color(
        (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
        (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
        (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
  }

  static double luminance(Color c) {
    return (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255.0;
  }
}
