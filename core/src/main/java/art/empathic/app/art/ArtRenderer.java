package art.empathic.app.art;

import art.empathic.corpus.Emotion;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Renders the art for an emotion mix (or a sequence of mixes over time) as a still picture with
 * Java2D: the same particle-and-flow simulation as the page's {@code art.js}, driven by the same
 * {@link ArtParams}, run for {@link ArtParams#steps()} steps. Deterministic: the same mixes,
 * size and seed give the same pixels. Thread-safe (all state is per call).
 */
public final class ArtRenderer {
  private final ArtParams params;

  public ArtRenderer(ArtParams params) {
    this.params = params;
  }

  /**
   * Renders a picture.
   *
   * @param mixes emotion mixes (probabilities) spread evenly over the simulated time; one mix
   *     for a constant mood
   * @param seed chooses the flow field, particles and accents
   */
  public BufferedImage render(List<Map<Emotion, Double>> mixes, int width, int height, long seed) {
    if (mixes.isEmpty()) {
      throw new IllegalArgumentException("need at least one emotion mix");
    }
    if (width < 16 || height < 16 || (long) width * height > 40_000_000L) {
      throw new IllegalArgumentException("picture size must be at least 16x16 and at most 40 megapixels, got " + width + "x" + height);
    }
    List<double[]> weights = mixes.stream().map(ArtRenderer::weights).toList();
    return new Simulation(params, width, height, seed).run(weights);
  }

  /** A mix as weights over {@link Emotion#values()}, normalised to sum 1. */
  static double[] weights(Map<Emotion, Double> mix) {
    double[] w = new double[Emotion.values().length];
    double sum = 0;
    for (Map.Entry<Emotion, Double> en : mix.entrySet()) {
      double v = en.getValue();
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException("weight of " + en.getKey().label() + " is " + v);
      }
      w[en.getKey().ordinal()] = v;
      sum += v;
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException("emotion mix sums to 0");
    }
    for (int i = 0; i < w.length; i++) {
      w[i] /= sum;
    }
    return w;
  }

  /** The simulation; field and step order mirror art.js so both read alike. */
  private static final class Simulation {
    private static final Emotion[] EMOTIONS = Emotion.values();
    private final ArtParams params;
    private final ArtStyle[] styles = new ArtStyle[EMOTIONS.length];
    private final int[][] palettes = new int[EMOTIONS.length][];
    private final int width;
    private final int height;
    private final double k;
    private final Mulberry32 rng;
    private final double[] phase = new double[4];
    private final BufferedImage image;
    private final int[] pixels;
    private final int[] background;
    private final Graphics2D g;
    private final List<Particle> particles = new ArrayList<>();
    private final List<Effect> effects = new ArrayList<>();
    private double[] w;
    private double beat;
    private double burstX;
    private double burstY;
    private double burstClock = 1e9;
    private int step;

    Simulation(ArtParams params, int width, int height, long seed) {
      this.params = params;
      for (Emotion e : EMOTIONS) {
        styles[e.ordinal()] = params.style(e);
        palettes[e.ordinal()] = params.style(e).palette().stream().mapToInt(ArtStyle::rgb).toArray();
      }
      this.width = width;
      this.height = height;
      this.k = Math.min(width, height) / 1000.0;
      this.rng = new Mulberry32(seed);
      for (int i = 0; i < phase.length; i++) {
        phase[i] = rng.next() * 2 * Math.PI;
      }
      this.image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      this.pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
      this.background = new int[pixels.length];
      this.g = image.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    }

    BufferedImage run(List<double[]> mixes) {
      int steps = params.steps();
      w = mixes.get(0);
      paintBackground();
      System.arraycopy(background, 0, pixels, 0, pixels.length);
      int n = Math.max(60, (int) Math.round(params.particlesPerMegapixel() * width * (double) height / 1e6));
      for (int i = 0; i < n; i++) {
        Particle p = new Particle();
        spawn(p);
        p.age = (int) (rng.next() * p.life); // start mid-life so the first frames are not empty
        particles.add(p);
      }
      for (step = 0; step < steps; step++) {
        double[] target = mixAt(mixes, steps == 1 ? 0 : step / (double) (steps - 1));
        if (step % 15 == 0 && !Arrays.equals(target, w)) {
          w = target;
          paintBackground();
        }
        w = target;
        tick();
      }
      g.dispose();
      return image;
    }

    private static double[] mixAt(List<double[]> mixes, double f) {
      if (mixes.size() == 1) {
        return mixes.get(0);
      }
      double pos = f * (mixes.size() - 1);
      int i = Math.min(mixes.size() - 2, (int) Math.floor(pos));
      double t = pos - i;
      double[] a = mixes.get(i);
      double[] b = mixes.get(i + 1);
      double[] out = new double[a.length];
      for (int j = 0; j < a.length; j++) {
        out[j] = a[j] + (b[j] - a[j]) * t;
      }
      return out;
    }

    private double blend(ToDoubleFunction<ArtStyle> f) {
      double s = 0;
      for (int i = 0; i < w.length; i++) {
        s += w[i] * f.applyAsDouble(styles[i]);
      }
      return s;
    }

    private int blendColor(Function<ArtStyle, String> f) {
      double r = 0;
      double gr = 0;
      double b = 0;
      for (int i = 0; i < w.length; i++) {
        int c = ArtStyle.rgb(f.apply(styles[i]));
        r += w[i] * ((c >> 16) & 255);
        gr += w[i] * ((c >> 8) & 255);
        b += w[i] * (c & 255);
      }
      return ((int) Math.round(r) << 16) | ((int) Math.round(gr) << 8) | (int) Math.round(b);
    }

    /** The radial background gradient of the current mix, centre slightly above the middle. */
    private void paintBackground() {
      int inner = blendColor(s -> s.background().get(0));
      int outer = blendColor(s -> s.background().get(1));
      double cx = width / 2.0;
      double cy = height * 0.45;
      double radius = Math.hypot(width, height) * 0.55;
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          double t = Math.min(1, Math.hypot(x - cx, y - cy) / radius);
          t = t * t * (3 - 2 * t);
          background[y * width + x] = grain(lerpColor(inner, outer, t), x, y);
        }
      }
    }

    private void tick() {
      double tempo = blend(ArtStyle::tempo);
      beat += tempo / 60.0;
      double pulse = Math.pow(0.5 + 0.5 * Math.cos(2 * Math.PI * beat), 2);
      if (step % 2 == 1) {
        // Every other step with the two-step amount: the same trails for half the memory traffic.
        double f = blend(ArtStyle::fade);
        fade(1 - (1 - f) * (1 - f));
      }
      updateBurst();
      for (int i = effects.size() - 1; i >= 0; i--) {
        Effect fx = effects.get(i);
        drawEffect(fx);
        if (++fx.age > fx.life) {
          effects.remove(i);
        }
      }
      for (Particle p : particles) {
        move(p, pulse);
      }
    }

    /** Moves every pixel a fraction of the way to the background; at least one level, so no ghosts stay. */
    private void fade(double amount) {
      int[] table = new int[511];
      for (int d = -255; d <= 255; d++) {
        int s = (int) (d * amount);
        table[d + 255] = s == 0 && d != 0 ? Integer.signum(d) : s;
      }
      for (int i = 0; i < pixels.length; i++) {
        int c = pixels[i];
        int b = background[i];
        if (c == b) {
          continue;
        }
        int r = (c >> 16) & 255;
        int gg = (c >> 8) & 255;
        int bl = c & 255;
        r += table[((b >> 16) & 255) - r + 255];
        gg += table[((b >> 8) & 255) - gg + 255];
        bl += table[(b & 255) - bl + 255];
        pixels[i] = (r << 16) | (gg << 8) | bl;
      }
    }

    /** Surprise sets off bursts: a new centre every beat of its own tempo while it is present. */
    private void updateBurst() {
      double s = w[Emotion.SURPRISE.ordinal()];
      burstClock++;
      if (s > 0.05 && burstClock > 60.0 / styles[Emotion.SURPRISE.ordinal()].tempo()) {
        burstClock = 0;
        burstX = width * (0.15 + 0.7 * rng.next());
        burstY = height * (0.15 + 0.7 * rng.next());
      }
    }

    private int sample() {
      double r = rng.next();
      double acc = 0;
      int last = 0;
      for (int i = 0; i < w.length; i++) {
        if (w[i] > 0) {
          acc += w[i];
          last = i;
          if (r < acc) {
            return i;
          }
        }
      }
      return last;
    }

    private void spawn(Particle p) {
      p.e = sample();
      ArtStyle s = styles[p.e];
      p.x = rng.next() * width;
      p.y = rng.next() * height;
      p.heading = rng.next() * 2 * Math.PI;
      if (p.e == Emotion.SAD.ordinal()) {
        p.y = rng.next() * height * 0.6;
      } else if (p.e == Emotion.SURPRISE.ordinal() && burstClock < 1e9 && rng.next() < 0.6) {
        p.x = burstX + (rng.next() - 0.5) * 30 * k;
        p.y = burstY + (rng.next() - 0.5) * 30 * k;
      }
      int[] pal = palettes[p.e];
      p.color = pal[(int) (rng.next() * pal.length)];
      p.life = (int) Math.max(1, s.life() * (0.6 + 0.8 * rng.next()));
      p.bouncePhase = rng.next() * Math.PI;
      p.age = 0;
      p.vy = 0;
      p.px = p.x;
      p.py = p.y;
    }

    private double flow(double u, double v, double scale) {
      double t = step / 60.0;
      double f = scale * Math.PI;
      return Math.PI * (Math.sin(u * f * 1.3 + phase[0] + t * 0.21) * Math.cos(v * f * 1.1 + phase[1] - t * 0.17)
          + 0.6 * Math.sin((u + v) * f * 0.7 + phase[2] + t * 0.11)
          + 0.35 * Math.sin((u - v) * f * 2.3 + phase[3] - t * 0.29));
    }

    private void move(Particle p, double pulse) {
      ArtStyle s = styles[p.e];
      double u = p.x / (1000 * k);
      double v = p.y / (1000 * k);
      double ang = flow(u, v, s.flowScale()) * s.turbulence();
      if (s.sharpness() > 0) {
        double q = Math.PI / 3;
        ang += (Math.round(ang / q) * q - ang) * s.sharpness();
      }
      double spd = s.speed() * k * (0.75 + 0.5 * pulse);
      double dx = Math.cos(ang) * spd + s.driftX() * k;
      double dy = Math.sin(ang) * spd + s.driftY() * k;
      if (s.gravity() > 0) {
        p.vy = Math.min(p.vy + s.gravity() * k, 6 * k);
        dy += p.vy;
      }
      if (s.burst() > 0) {
        double push = s.burst() * k * Math.exp(-p.age / 25.0);
        dx += Math.cos(p.heading) * push;
        dy += Math.sin(p.heading) * push;
      }
      if (s.recoil() > 0) {
        double rx = p.x - width / 2.0;
        double ry = p.y - height / 2.0;
        double d = Math.hypot(rx, ry) + 1;
        double push = s.recoil() * k * (0.5 + 0.5 * Math.sin(2 * Math.PI * beat + p.bouncePhase));
        dx += rx / d * push;
        dy += ry / d * push;
      }
      if (s.tremble() > 0) {
        dx += (rng.next() - 0.5) * 2 * s.tremble() * k;
        dy += (rng.next() - 0.5) * 2 * s.tremble() * k;
      }
      p.x += dx;
      p.y += dy;
      double drawX = p.x;
      double drawY = p.y;
      if (s.bounce() > 0) {
        drawY -= s.bounce() * k * Math.abs(Math.sin(Math.PI * s.tempo() * step / 60.0 + p.bouncePhase));
      }
      double life = p.age / (double) p.life;
      double env = Math.sin(Math.PI * Math.min(1, life));
      double alpha = s.alpha() * env * (0.7 + 0.3 * pulse);
      double lw = s.lineWidth() * k * (0.8 + 0.4 * pulse);
      if (p.age > 0) {
        if (s.glow() > 0) {
          stroke(p.color, alpha * s.glow() * 0.22, lw * 4.5);
          g.draw(new Line2D.Double(p.px, p.py, drawX, drawY));
        }
        stroke(p.color, alpha, lw);
        g.draw(new Line2D.Double(p.px, p.py, drawX, drawY));
      }
      if (rng.next() < s.accentRate()) {
        effects.add(new Effect(s.accent(), drawX, drawY, p.color, s.accentSize() * k * (0.6 + 0.8 * rng.next()),
            ang, (long) (rng.next() * 4294967296.0)));
      }
      p.px = drawX;
      p.py = drawY;
      p.age++;
      double m = 60 * k;
      if (p.age > p.life || p.x < -m || p.x > width + m || p.y < -m || p.y > height + m) {
        spawn(p);
      }
    }

    private void stroke(int rgb, double alpha, double width) {
      g.setColor(color(rgb, alpha));
      g.setStroke(new BasicStroke((float) Math.max(0.3, width), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }

    private void drawEffect(Effect fx) {
      double age = fx.age;
      double fadeOut = 1 - age / (fx.life + 1);
      Mulberry32 r = new Mulberry32(fx.seed);
      switch (fx.type) {
        case "shard" -> {
          double len = fx.size;
          double ca = Math.cos(fx.angle);
          double sa = Math.sin(fx.angle);
          double half = len * 0.09;
          Path2D.Double tri = new Path2D.Double();
          tri.moveTo(fx.x + ca * len, fx.y + sa * len);
          tri.lineTo(fx.x - sa * half - ca * len * 0.2, fx.y + ca * half - sa * len * 0.2);
          tri.lineTo(fx.x + sa * half - ca * len * 0.2, fx.y - ca * half - sa * len * 0.2);
          tri.closePath();
          g.setColor(color(fx.color, 0.55 * fadeOut));
          g.fill(tri);
          g.setColor(color(0xfff3d0, 0.35 * fadeOut));
          g.setStroke(new BasicStroke((float) (0.8 * k)));
          g.draw(tri);
        }
        case "ripple" -> {
          if (fx.age % 14 == 0) {
            double rad = fx.size * (0.15 + age / fx.life);
            g.setColor(color(fx.color, 0.4 * fadeOut));
            g.setStroke(new BasicStroke((float) (1.4 * k)));
            g.draw(new Ellipse2D.Double(fx.x - rad, fx.y - rad * 0.55, 2 * rad, 2 * rad * 0.55));
          }
        }
        case "drop" -> {
          double y = fx.y + age * age * 0.06 * k;
          double rad = fx.size * 0.16;
          g.setColor(color(fx.color, 0.5 * fadeOut));
          g.fill(new Ellipse2D.Double(fx.x - rad, y - rad, 2 * rad, 2 * rad));
        }
        case "bubble" -> {
          double rad = fx.size * 0.5;
          g.setColor(color(fx.color, 0.25));
          g.fill(new Ellipse2D.Double(fx.x - rad, fx.y - rad, 2 * rad, 2 * rad));
          g.setColor(color(fx.color, 0.75));
          g.setStroke(new BasicStroke((float) (1.5 * k)));
          g.draw(new Ellipse2D.Double(fx.x - rad, fx.y - rad, 2 * rad, 2 * rad));
          double hr = rad * 0.2;
          g.setColor(color(0xffffff, 0.7));
          g.fill(new Ellipse2D.Double(fx.x - rad * 0.4 - hr, fx.y - rad * 0.4 - hr, 2 * hr, 2 * hr));
        }
        case "tremor" -> {
          Path2D.Double zig = new Path2D.Double();
          double ca = Math.cos(fx.angle);
          double sa = Math.sin(fx.angle);
          zig.moveTo(fx.x, fx.y);
          for (int i = 1; i <= 9; i++) {
            double along = fx.size * i / 9.0;
            double off = (r.next() - 0.5) * fx.size * 0.35;
            zig.lineTo(fx.x + ca * along - sa * off, fx.y + sa * along + ca * off);
          }
          g.setColor(color(fx.color, 0.7 * fadeOut));
          g.setStroke(new BasicStroke((float) (0.9 * k)));
          g.draw(zig);
        }
        case "spark" -> {
          int rays = 7 + (int) (r.next() * 6);
          double rot = r.next() * Math.PI;
          double outer = fx.size * (0.2 + age / fx.life);
          double inner = outer * 0.55;
          g.setColor(color(fx.color, 0.85 * fadeOut));
          g.setStroke(new BasicStroke((float) (1.3 * k), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
          for (int i = 0; i < rays; i++) {
            double a = rot + 2 * Math.PI * i / rays;
            g.draw(new Line2D.Double(fx.x + Math.cos(a) * inner, fx.y + Math.sin(a) * inner,
                fx.x + Math.cos(a) * outer, fx.y + Math.sin(a) * outer));
          }
        }
        case "blob" -> {
          if (fx.age % 5 == 0) {
            Path2D.Double blob = new Path2D.Double();
            double drift = age * 0.8 * k;
            double cx = fx.x + Math.cos(fx.angle) * drift;
            double cy = fx.y + Math.sin(fx.angle) * drift;
            double[] lobes = {r.next(), r.next(), r.next()};
            for (int i = 0; i <= 24; i++) {
              double a = 2 * Math.PI * i / 24;
              double rad = fx.size * (0.55 + 0.2 * Math.sin(3 * a + lobes[0] * 6) + 0.12 * Math.sin(5 * a + lobes[1] * 6)
                  + 0.08 * Math.sin(2 * a + lobes[2] * 6)) * (1 - 0.4 * age / fx.life);
              if (i == 0) {
                blob.moveTo(cx + Math.cos(a) * rad, cy + Math.sin(a) * rad);
              } else {
                blob.lineTo(cx + Math.cos(a) * rad, cy + Math.sin(a) * rad);
              }
            }
            blob.closePath();
            g.setColor(color(fx.color, 0.16 * fadeOut));
            g.fill(blob);
            g.setColor(color(fx.color, 0.4 * fadeOut));
            g.setStroke(new BasicStroke((float) (1.2 * k)));
            g.draw(blob);
          }
        }
        default -> throw new IllegalStateException("unknown accent " + fx.type);
      }
    }

    private static Color color(int rgb, double alpha) {
      int a = (int) Math.round(Math.max(0, Math.min(1, alpha)) * 255);
      return new Color((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255, a);
    }

    /** Adds a fixed +-2-level grain so the dark gradient does not band; same pattern as art.js. */
    private static int grain(int rgb, int x, int y) {
      int h = x * 374761393 + y * 668265263;
      h = (h ^ (h >>> 13)) * 1274126177;
      int d = ((h ^ (h >>> 16)) & 3) - 2 + ((h >>> 8) & 1);
      int r = Math.max(0, Math.min(255, ((rgb >> 16) & 255) + d));
      int gg = Math.max(0, Math.min(255, ((rgb >> 8) & 255) + d));
      int b = Math.max(0, Math.min(255, (rgb & 255) + d));
      return (r << 16) | (gg << 8) | b;
    }

    private static int lerpColor(int a, int b, double t) {
      int r = (int) Math.round(((a >> 16) & 255) + (((b >> 16) & 255) - ((a >> 16) & 255)) * t);
      int gg = (int) Math.round(((a >> 8) & 255) + (((b >> 8) & 255) - ((a >> 8) & 255)) * t);
      int bl = (int) Math.round((a & 255) + ((b & 255) - (a & 255)) * t);
      return (r << 16) | (gg << 8) | bl;
    }
  }

  private static final class Particle {
    int e;
    double x;
    double y;
    double px;
    double py;
    double vy;
    double heading;
    double bouncePhase;
    int color;
    int life;
    int age;
  }

  /** An accent shape that lives a few steps: kind, place, colour, size, direction, own random seed. */
  private static final class Effect {
    final String type;
    final double x;
    final double y;
    final int color;
    final double size;
    final double angle;
    final long seed;
    final int life;
    int age;

    Effect(String type, double x, double y, int color, double size, double angle, long seed) {
      this.type = type;
      this.x = x;
      this.y = y;
      this.color = color;
      this.size = size;
      this.angle = angle;
      this.seed = seed;
      this.life = switch (type) {
        case "shard" -> 5;
        case "ripple" -> 112;
        case "drop" -> 40;
        case "bubble" -> 0;
        case "tremor" -> 0;
        case "spark" -> 16;
        case "blob" -> 30;
        default -> 0;
      };
    }
  }

  /** A mix that is one emotion only. */
  public static Map<Emotion, Double> pure(Emotion e) {
    Map<Emotion, Double> m = new EnumMap<>(Emotion.class);
    m.put(e, 1.0);
    return m;
  }
}
