package art.empathic.corpus.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * An expected file digest: {@code algorithm} is {@code MD5} or {@code SHA-256}, {@code hex} the
 * lower-case hexadecimal value.
 */
public record Checksum(String algorithm, String hex) {
  public static final String MD5 = "MD5";
  public static final String SHA256 = "SHA-256";

  public Checksum {
    if (!MD5.equals(algorithm) && !SHA256.equals(algorithm)) {
      throw new IllegalArgumentException("unsupported checksum algorithm " + algorithm + " (use MD5 or SHA-256)");
    }
    int digits = MD5.equals(algorithm) ? 32 : 64;
    if (hex == null || !hex.matches("(?i)[0-9a-f]{" + digits + "}")) {
      throw new IllegalArgumentException("not a " + algorithm + " checksum (" + digits + " hex digits): " + hex);
    }
    hex = hex.toLowerCase(Locale.ROOT);
  }

  public static Checksum md5(String hex) {
    return new Checksum(MD5, hex);
  }

  public static Checksum sha256(String hex) {
    return new Checksum(SHA256, hex);
  }

  /** Parses Zenodo's {@code "md5:..."} form (a bare value is taken as MD5, as Zenodo lists them). */
  public static Checksum parseZenodo(String value) {
    String v = value.trim();
    int colon = v.indexOf(':');
    if (colon < 0) {
      return md5(v);
    }
    String alg = v.substring(0, colon).toLowerCase(Locale.ROOT);
    String hex = v.substring(colon + 1);
    return switch (alg) {
      case "md5" -> md5(hex);
      case "sha256", "sha-256" -> sha256(hex);
      default -> throw new IllegalArgumentException("unsupported checksum algorithm in \"" + value + "\"");
    };
  }

  /** Computes this checksum's algorithm over a file and returns the lower-case hex digest. */
  public String digestOf(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " missing from this Java runtime", e);
    }
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** Throws a {@link DownloadException} naming the file and both values unless the file matches. */
  public void verify(Path file, String source) throws IOException {
    String actual = digestOf(file);
    if (!actual.equals(hex)) {
      throw new DownloadException("checksum mismatch for " + file + ": " + label() + " is " + actual
          + " but " + source + " says " + hex + "; the file is kept: delete it and run again to download it afresh");
    }
  }

  /** {@code md5} or {@code sha256}, as people write it. */
  public String label() {
    return MD5.equals(algorithm) ? "md5" : "sha256";
  }

  @Override
  public String toString() {
    return label() + ":" + hex;
  }
}
