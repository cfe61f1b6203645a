package art.empathic.app.art;

import java.awt.image.BufferedImage;

/** Colour statistics of a picture, for telling emotions' pictures apart. */
public record ImageStats(double brightness, double warmth, double hueDegrees, double saturation) {

  /**
   * Mean brightness (Rec. 601 luma, 0-255), warmth (mean red minus blue), the saturation-weighted
   * circular mean hue, and mean saturation.
   */
  public static ImageStats of(BufferedImage img) {
    double luma = 0;
    double warmth = 0;
    double hx = 0;
    double hy = 0;
    double sat = 0;
    int n = img.getWidth() * img.getHeight();
    float[] hsb = new float[3];
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int c = img.getRGB(x, y);
        int r = (c >> 16) & 255;
        int g = (c >> 8) & 255;
        int b = c & 255;
        luma += 0.299 * r + 0.587 * g + 0.114 * b;
        warmth += r - b;
        java.awt.Color.RGBtoHSB(r, g, b, hsb);
        hx += hsb[1] * Math.cos(2 * Math.PI * hsb[0]);
        hy += hsb[1] * Math.sin(2 * Math.PI * hsb[0]);
        sat += hsb[1];
      }
    }
    double hue = Math.toDegrees(Math.atan2(hy, hx));
    return new ImageStats(luma / n, warmth / n, hue < 0 ? hue + 360 : hue, sat / n);
  }

  /** Distance of the mean hue from a target hue, in degrees (0-180). */
  public double hueDistance(double target) {
    double d = Math.abs(hueDegrees - target) % 360;
    return d > 180 ? 360 - d : d;
  }
}
