package art.empathic.corpus;

import art.empathic.audio.AudioFormatException;
import art.empathic.audio.WavReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds clips holding the same audio. Byte-identical files (equal SHA-256) are the same; so are
 * files with the same sample rate and length whose decoded samples nowhere differ by more than
 * {@link #TOLERANCE} (about -60 dBFS, 32 steps of 16-bit audio) — the same recording converted
 * twice, e.g. with different dither, which a byte hash cannot see.
 *
 * <p>Cost: files are bucketed by (rate, length) and sorted by RMS within a bucket; only pairs
 * whose RMS differ by at most the tolerance are decoded and compared (two signals within the
 * tolerance everywhere have RMS values within the tolerance), so distinct recordings are almost
 * never compared sample by sample.
 */
public final class DuplicateFinder {
  /** Largest per-sample difference (on the [-1, 1] scale) of files counted as the same audio. */
  public static final double TOLERANCE = 1.0 / 1024;

  /** What the loader learned about a file's audio. */
  public record Probe(Path path, String contentHash, int sampleRate, int frames, double rms) {}

  /** Each file's audio key, and the groups of more than one file. */
  public record Result(Map<Path, String> audioKeys, List<DuplicateGroup> groups) {}

  private DuplicateFinder() {}

  /** Groups the probed files; probes must be in path order (the first file names the group). */
  public static Result find(List<Probe> probes) {
    Map<Path, Path> parent = new HashMap<>();
    probes.forEach(p -> parent.put(p.path(), p.path()));
    Map<Path, Double> maxDiff = new HashMap<>();
    Map<Path, Integer> order = new HashMap<>();
    for (int i = 0; i < probes.size(); i++) {
      order.put(probes.get(i).path(), i);
    }

    Map<String, Path> firstWithHash = new HashMap<>();
    for (Probe p : probes) {
      Path first = firstWithHash.putIfAbsent(p.contentHash(), p.path());
      if (first != null) {
        union(parent, order, first, p.path());
      }
    }

    Map<String, List<Probe>> buckets = new TreeMap<>();
    for (Probe p : probes) {
      buckets.computeIfAbsent(p.sampleRate() + ":" + p.frames(), k -> new ArrayList<>()).add(p);
    }
    for (List<Probe> bucket : buckets.values()) {
      if (bucket.size() < 2) {
        continue;
      }
      bucket.sort(Comparator.comparingDouble(Probe::rms));
      Map<Path, float[]> decoded = new HashMap<>();
      for (int i = 0; i < bucket.size(); i++) {
        Probe a = bucket.get(i);
        for (int j = i + 1; j < bucket.size() && bucket.get(j).rms() - a.rms() <= TOLERANCE; j++) {
          Probe b = bucket.get(j);
          if (a.contentHash().equals(b.contentHash())) {
            continue;
          }
          double d = maxDifference(samples(decoded, a.path()), samples(decoded, b.path()));
          if (d <= TOLERANCE) {
            union(parent, order, a.path(), b.path());
            maxDiff.merge(a.path(), d, Math::max);
            maxDiff.merge(b.path(), d, Math::max);
          }
        }
      }
    }

    Map<Path, String> keys = new LinkedHashMap<>();
    Map<Path, List<Probe>> groups = new LinkedHashMap<>();
    Map<Path, String> hashOf = new HashMap<>();
    probes.forEach(p -> hashOf.put(p.path(), p.contentHash()));
    for (Probe p : probes) {
      Path root = find(parent, p.path());
      keys.put(p.path(), hashOf.get(root));
      groups.computeIfAbsent(root, r -> new ArrayList<>()).add(p);
    }
    List<DuplicateGroup> result = new ArrayList<>();
    for (Map.Entry<Path, List<Probe>> g : groups.entrySet()) {
      List<Probe> members = g.getValue();
      if (members.size() > 1) {
        boolean identical = members.stream().map(Probe::contentHash).distinct().count() == 1;
        double diff = members.stream().mapToDouble(m -> maxDiff.getOrDefault(m.path(), 0.0)).max().orElse(0);
        result.add(new DuplicateGroup(hashOf.get(g.getKey()), members.stream().map(Probe::path).toList(), identical,
            identical ? 0 : diff));
      }
    }
    return new Result(keys, result);
  }

  /** RMS of samples, as the probe needs it. */
  public static double rms(float[] y) {
    double s = 0;
    for (float v : y) {
      s += (double) v * v;
    }
    return y.length == 0 ? 0 : Math.sqrt(s / y.length);
  }

  private static float[] samples(Map<Path, float[]> decoded, Path p) {
    return decoded.computeIfAbsent(p, k -> {
      try {
        return WavReader.read(k).samples();
      } catch (AudioFormatException e) {
        return null;
      }
    });
  }

  /** Largest |a[i] - b[i]|, stopping early once above the tolerance; +inf when not comparable. */
  private static double maxDifference(float[] a, float[] b) {
    if (a == null || b == null || a.length != b.length) {
      return Double.POSITIVE_INFINITY;
    }
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      double d = Math.abs((double) a[i] - b[i]);
      if (d > max) {
        max = d;
        if (max > TOLERANCE) {
          return max;
        }
      }
    }
    return max;
  }

  private static Path find(Map<Path, Path> parent, Path p) {
    Path r = p;
    while (!parent.get(r).equals(r)) {
      r = parent.get(r);
    }
    return r;
  }

  /** Joins two sets; the root is the member earliest in path order. */
  private static void union(Map<Path, Path> parent, Map<Path, Integer> order, Path a, Path b) {
    Path ra = find(parent, a);
    Path rb = find(parent, b);
    if (!ra.equals(rb)) {
      if (order.get(ra) < order.get(rb)) {
        parent.put(rb, ra);
      } else {
        parent.put(ra, rb);
      }
    }
  }
}
