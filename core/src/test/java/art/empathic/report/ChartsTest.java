package art.empathic.report;

import art.empathic.run.EpochStats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import art.empathic.run.TrainingHistory;

/** Pixel checks on the PNG figures; each would fail on a blank, misplaced or inverted chart. */
class ChartsTest {
  @TempDir Path tmp;

  private static final List<String> FOUR = List.of("Angry", "Calm", "Sad", "Surprise");
  // The largest count is off the diagonal (Sad predicted as Calm), so a transposed or
  // diagonal-only drawing would put the darkest cell elsewhere.
  private static final int[][] COUNTS = {{30, 2, 0, 5}, {1, 25, 8, 0}, {0, 50, 12, 3}, {4, 0, 0, 20}};

  @Test
  void heatmapPutsTheDarkestCellAtTheLargestCount() throws IOException {
    Path png = tmp.resolve("cm.png");
    ConfusionMatrixChart.Rendered r = ConfusionMatrixChart.write(png, FOUR, COUNTS, "Confusion matrix: test");
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(r.image().getWidth()).isGreaterThan(r.matrix().x + r.matrix().width + 40);
    assertThat(img.getHeight()).isEqualTo(r.image().getHeight()).isGreaterThan(r.matrix().y + r.matrix().height + 40);
    assertThat(r.matrix().width).isEqualTo(4 * r.cellSize());

    int darkT = -1;
    int darkP = -1;
    double darkest = 2;
    for (int t = 0; t < 4; t++) {
      for (int p = 0; p < 4; p++) {
        double l = luminance(background(img, r.cell(t, p)));
        if (l < darkest) {
          darkest = l;
          darkT = t;
          darkP = p;
        }
      }
    }
    assertThat(new int[] {darkT, darkP}).as("darkest cell (true, predicted)").containsExactly(2, 1);
    // A larger count is never lighter (checked for counts that differ by a tenth of the maximum).
    for (int a = 0; a < 16; a++) {
      for (int b = 0; b < 16; b++) {
        int ca = COUNTS[a / 4][a % 4];
        int cb = COUNTS[b / 4][b % 4];
        if (ca >= cb + 5) {
          assertThat(luminance(background(img, r.cell(a / 4, a % 4))))
              .as("cell with %d is darker than cell with %d", ca, cb)
              .isLessThan(luminance(background(img, r.cell(b / 4, b % 4))));
        }
      }
    }
    // Zero cells are nearly white; every cell has its count drawn in a contrasting colour.
    assertThat(luminance(background(img, r.cell(0, 2)))).isGreaterThan(0.95);
    for (int t = 0; t < 4; t++) {
      for (int p = 0; p < 4; p++) {
        assertThat(contrastingPixels(img, r.cell(t, p))).as("text in cell (%d, %d)", t, p).isGreaterThan(15);
      }
    }
    // Colour bar: a gradient from light (bottom) to dark (top), not blank.
    Rectangle bar = r.colourBar();
    int cx = bar.x + bar.width / 2;
    assertThat(luminance(new Color(img.getRGB(cx, bar.y + 3)))).isLessThan(0.3);
    assertThat(luminance(new Color(img.getRGB(cx, bar.y + bar.height - 3)))).isGreaterThan(0.9);
    Set<Integer> colours = new HashSet<>();
    for (int y = bar.y + 1; y < bar.y + bar.height; y++) {
      colours.add(img.getRGB(cx, y));
    }
    assertThat(colours.size()).as("distinct colours in the colour bar").isGreaterThan(40);
    // Tick labels right of the bar, title above the matrix, axis titles: dark text pixels.
    assertThat(darkPixels(img, new Rectangle(bar.x + bar.width + 6, bar.y, 40, bar.height))).isGreaterThan(30);
    assertThat(darkPixels(img, new Rectangle(0, 0, img.getWidth(), r.matrix().y - 10))).isGreaterThan(200);
    assertThat(darkPixels(img, new Rectangle(0, r.matrix().y, r.matrix().x - 4, r.matrix().height))).isGreaterThan(200);
    assertThat(darkPixels(img, new Rectangle(r.matrix().x, r.matrix().y + r.matrix().height + 4,
        r.matrix().width, img.getHeight() - r.matrix().y - r.matrix().height - 4))).isGreaterThan(200);
  }

  @Test
  void colourBarTicksAreRoundNumbers() {
    assertThat(ConfusionMatrixChart.ticks(35)).containsExactly(0, 10, 20, 30);
    assertThat(ConfusionMatrixChart.ticks(1024)).containsExactly(0, 500, 1000);
    assertThat(ConfusionMatrixChart.ticks(7)).containsExactly(0, 2, 4, 6);
    assertThat(ConfusionMatrixChart.ticks(0)).containsExactly(0);
  }

  @Test
  void curvesShowTrainingAndValidationInBothPanelsGoingTheRightWay() throws IOException {
    TrainingHistory h = history(20, true);
    Path png = tmp.resolve("curves.png");
    TrainingCurvesChart.Rendered r = TrainingCurvesChart.write(png, h, "Training curves: test");
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(1200);
    assertThat(img.getHeight()).isEqualTo(r.lossPanel().y + r.lossPanel().height);
    for (Rectangle panel : List.of(r.lossPanel(), r.accuracyPanel())) {
      assertThat(count(img, panel, TrainingCurvesChart.TRAIN)).as("training pixels").isGreaterThan(300);
      assertThat(count(img, panel, TrainingCurvesChart.VALIDATION)).as("validation pixels").isGreaterThan(300);
    }
    // Loss falls: the training line is higher (smaller y) at its left end than at its right end.
    double[] loss = ends(img, r.lossPanel(), TrainingCurvesChart.TRAIN);
    assertThat(loss[0]).isLessThan(loss[1] - 50);
    double[] acc = ends(img, r.accuracyPanel(), TrainingCurvesChart.TRAIN);
    assertThat(acc[0]).isGreaterThan(acc[1] + 50);
    assertThat(darkPixels(img, new Rectangle(0, 0, img.getWidth(), r.lossPanel().y))).as("title").isGreaterThan(200);
  }

  @Test
  void curvesWithoutValidationDrawNoValidationSeries() {
    TrainingCurvesChart.Rendered r = TrainingCurvesChart.render(history(500, false), "Training curves: long run");
    assertThat(count(r.image(), r.lossPanel(), TrainingCurvesChart.TRAIN)).isGreaterThan(300);
    assertThat(count(r.image(), r.lossPanel(), TrainingCurvesChart.VALIDATION)).isZero();
    assertThat(count(r.image(), r.accuracyPanel(), TrainingCurvesChart.VALIDATION)).isZero();
    assertThatThrownBy(() -> TrainingCurvesChart.render(new TrainingHistory(List.of()), "x"))
        .hasMessageContaining("no epochs");
  }

  static TrainingHistory history(int n, boolean validation) {
    List<EpochStats> eps = new ArrayList<>();
    for (int e = 1; e <= n; e++) {
      double p = 1 - Math.exp(-4.0 * e / n);
      eps.add(new EpochStats(e, 1.9 - 1.6 * p, 0.15 + 0.8 * p,
          validation ? 1.95 - 1.1 * p : null, validation ? 0.14 + 0.6 * p : null, 2.0, 0.001));
    }
    return new TrainingHistory(eps);
  }

  /** The cell's fill, sampled in its corner away from the centred text. */
  private static Color background(BufferedImage img, Rectangle cell) {
    return new Color(img.getRGB(cell.x + 4, cell.y + 4));
  }

  private static int contrastingPixels(BufferedImage img, Rectangle cell) {
    double bg = luminance(background(img, cell));
    int n = 0;
    for (int y = cell.y + 2; y < cell.y + cell.height - 2; y++) {
      for (int x = cell.x + 2; x < cell.x + cell.width - 2; x++) {
        if (Math.abs(luminance(new Color(img.getRGB(x, y))) - bg) > 0.35) {
          n++;
        }
      }
    }
    return n;
  }

  private static int darkPixels(BufferedImage img, Rectangle area) {
    int n = 0;
    for (int y = Math.max(0, area.y); y < Math.min(img.getHeight(), area.y + area.height); y++) {
      for (int x = Math.max(0, area.x); x < Math.min(img.getWidth(), area.x + area.width); x++) {
        if (luminance(new Color(img.getRGB(x, y))) < 0.4) {
          n++;
        }
      }
    }
    return n;
  }

  private static boolean near(int rgb, Color c) {
    Color p = new Color(rgb);
    return Math.abs(p.getRed() - c.getRed()) + Math.abs(p.getGreen() - c.getGreen())
        + Math.abs(p.getBlue() - c.getBlue()) < 40;
  }

  private static int count(BufferedImage img, Rectangle panel, Color c) {
    int n = 0;
    for (int y = panel.y; y < panel.y + panel.height; y++) {
      for (int x = panel.x; x < panel.x + panel.width; x++) {
        if (near(img.getRGB(x, y), c)) {
          n++;
        }
      }
    }
    return n;
  }

  /**
   * Mean y of the series colour in 5-pixel strips at the leftmost and rightmost columns where
   * it appears. The legend's sample line sits inside the plot, left of the line's right end,
   * so it does not decide either end.
   */
  private static double[] ends(BufferedImage img, Rectangle panel, Color c) {
    int minX = Integer.MAX_VALUE;
    int maxX = -1;
    for (int x = panel.x; x < panel.x + panel.width; x++) {
      for (int y = panel.y; y < panel.y + panel.height; y++) {
        if (near(img.getRGB(x, y), c)) {
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
        }
      }
    }
    return new double[] {meanY(img, panel, c, minX, minX + 5), meanY(img, panel, c, maxX - 5, maxX)};
  }

  private static double meanY(BufferedImage img, Rectangle panel, Color c, int x0, int x1) {
    double sum = 0;
    int n = 0;
    for (int x = x0; x <= x1; x++) {
      for (int y = panel.y; y < panel.y + panel.height; y++) {
        if (near(img.getRGB(x, y), c)) {
          sum += y;
          n++;
        }
      }
    }
    return sum / n;
  }

  private static double luminance(Color c) {
    return (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255.0;
  }
}
