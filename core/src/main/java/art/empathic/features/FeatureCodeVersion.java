package art.empathic.features;

import art.empathic.audio.Audio;
import art.empathic.features.dsp.MfccExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import art.empathic.corpus.ContentHash;
import java.util.Comparator;

/**
 * A fingerprint of the code that computes features: the SHA-256 of the compiled classes of
 * {@code art.empathic.audio}, {@code art.empathic.features.dsp} (MFCC) and
 * {@code art.empathic.features} (specs, kinds, pipeline). It is part of every cache key,
 * so a build that changes decoding, resampling, augmentation or MFCC code never reads features
 * cached by an older build. Falls back to "unknown" if the classes cannot be read.
 */
final class FeatureCodeVersion {
  /**
   * The packages whose classes compute features, as class-file folders (not their
   * sub-packages: each is listed). Named through a class of each, so a move cannot drop one.
   */
  static final List<String> PACKAGES = Stream.of(Audio.class, MfccExtractor.class, FeaturePipeline.class)
      .map(c -> c.getPackageName().replace('.', '/') + "/").distinct().toList();
  private static volatile String cached;

  private FeatureCodeVersion() {}

  static String get() {
    String v = cached;
    if (v == null) {
      v = compute();
      cached = v;
    }
    return v;
  }

  private static String compute() {
    try {
      Path location = Path.of(MfccExtractor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      MessageDigest sha = ContentHash.sha256();
      if (Files.isDirectory(location)) {
        for (String pkg : PACKAGES) {
          Path dir = location.resolve(pkg);
          if (!Files.isDirectory(dir)) {
            continue;
          }
          List<Path> classes;
          try (Stream<Path> s = Files.list(dir)) {
            classes = new ArrayList<>(s.filter(p -> p.toString().endsWith(".class")).sorted().toList());
          }
          for (Path c : classes) {
            sha.update((pkg + c.getFileName()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update(Files.readAllBytes(c));
          }
        }
      } else {
        try (JarFile jar = new JarFile(location.toFile())) {
          List<JarEntry> entries = jar.stream()
              .filter(e -> e.getName().endsWith(".class") && PACKAGES.stream().anyMatch(p -> e.getName().startsWith(p)
                  && e.getName().indexOf('/', p.length()) < 0))
              .sorted(Comparator.comparing(JarEntry::getName)).toList();
          for (JarEntry e : entries) {
            sha.update(e.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try (InputStream in = jar.getInputStream(e)) {
              sha.update(in.readAllBytes());
            }
          }
        }
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return "unknown";
    }
  }
}
