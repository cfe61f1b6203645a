package art.empathic.corpus.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks a ZIP archive into a folder without trusting it: every entry name is checked before
 * anything is written (no absolute paths, drive letters, backslashes, {@code ..} or symbolic
 * links: "zip slip"), only the entries a placement function accepts are extracted, and
 * decompression is capped while streaming (bytes per entry, bytes in all, entry count,
 * compression ratio), so a decompression bomb is stopped early whatever its headers claim.
 */
public final class SafeUnzip {
  /** Below this many bytes an entry is not judged by its ratio: tiny silent files compress well. */
  static final long RATIO_FLOOR_BYTES = 1L << 20;

  /**
   * Caps on what an archive may unpack to.
   *
   * @param maxEntries entries in the archive, extracted or not
   * @param maxEntryBytes uncompressed bytes of one entry
   * @param maxTotalBytes uncompressed bytes of all extracted entries
   * @param maxRatio uncompressed / compressed bytes of one entry (checked past 1 MiB)
   */
  public record Limits(int maxEntries, long maxEntryBytes, long maxTotalBytes, double maxRatio) {
    /** Generous for RAVDESS speech (1440 clips of under 1 MB, about 0.5 GB in all). */
    public static final Limits DEFAULT = new Limits(10_000, 64L << 20, 2L << 30, 100);
  }

  /** What was unpacked: WAV and other accepted files, their bytes, and entries left out. */
  public record Result(int extracted, long bytes, List<String> skipped) {}

  private record Planned(ZipEntry entry, String target) {}

  private SafeUnzip() {}

  /**
   * Unpacks {@code zip} into the existing folder {@code dir}.
   *
   * @param placement maps a checked, normalised entry path ({@code a/b/c.wav}) to the relative
   *     path to write it to, or empty to leave it out
   * @throws DownloadException naming the archive, the entry and the problem; files already
   *     written stay in {@code dir} for the caller to discard
   */
  public static Result unzip(Path zip, Path dir, Function<String, Optional<String>> placement, Limits limits,
      DownloadListener listener) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new DownloadException("cannot unpack into " + dir + ": not a folder");
    }
    CentralDirectory cd = CentralDirectory.read(zip);
    if (cd.entries() > limits.maxEntries()) {
      throw new DownloadException("refusing to unpack " + zip + ": it has " + cd.entries() + " entries, more than the limit of "
          + limits.maxEntries());
    }
    try (ZipFile zf = open(zip)) {
      if (zf.size() != cd.entries()) {
        throw new DownloadException(zip + " is damaged: its central directory lists " + cd.entries()
            + " entries but Java reads " + zf.size());
      }
      List<Planned> plan = new ArrayList<>();
      List<String> skipped = new ArrayList<>();
      Set<String> targets = new HashSet<>();
      long declared = 0;
      for (Enumeration<? extends ZipEntry> en = zf.entries(); en.hasMoreElements(); ) {
        ZipEntry e = en.nextElement();
        String path;
        try {
          path = safeEntryPath(e.getName());
        } catch (IllegalArgumentException bad) {
          throw unsafe(zip, e.getName(), bad.getMessage());
        }
        if (cd.symlinks().contains(e.getName())) {
          throw unsafe(zip, e.getName(), "is a symbolic link");
        }
        Optional<String> target = e.isDirectory() ? Optional.empty() : placement.apply(path);
        if (target.isEmpty()) {
          if (!e.isDirectory()) {
            skipped.add(path);
          }
          continue;
        }
        if (!targets.add(target.get())) {
          throw unsafe(zip, e.getName(), "would overwrite " + target.get() + ", written by an earlier entry");
        }
        if (e.getSize() > limits.maxEntryBytes()) {
          throw bomb(zip, e.getName(), "declares " + e.getSize() + " bytes, more than the limit of " + limits.maxEntryBytes());
        }
        declared += Math.max(0, e.getSize());
        plan.add(new Planned(e, target.get()));
      }
      if (declared > limits.maxTotalBytes()) {
        throw bomb(zip, "(all)", "declare " + declared + " bytes together, more than the limit of " + limits.maxTotalBytes());
      }
      long free = Files.getFileStore(root).getUsableSpace();
      if (declared > free) {
        throw new DownloadException("not enough space to unpack " + zip + " into " + root + ": it needs "
            + HttpTransfer.megabytes(declared) + ", " + HttpTransfer.megabytes(free) + " are free");
      }
      listener.progressStarted("Unpacking", plan.size(), 0, DownloadListener.Unit.FILES);
      long total = 0;
      try {
        int done = 0;
        for (Planned p : plan) {
          total += extract(zf, zip, p, root, limits, total);
          listener.progressed(++done);
        }
      } finally {
        listener.progressFinished();
      }
      return new Result(plan.size(), total, Collections.unmodifiableList(skipped));
    }
  }

  /**
   * Checks an entry name and returns it normalised ({@code a/./b//c} becomes {@code a/b/c}).
   *
   * @throws IllegalArgumentException with the reason if the name could reach outside the target
   */
  public static String safeEntryPath(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("has an empty name");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException("contains a control character");
      }
    }
    if (name.indexOf('\\') >= 0) {
      throw new IllegalArgumentException("contains a backslash (a Windows path could escape the target)");
    }
    if (name.indexOf(':') >= 0) {
      throw new IllegalArgumentException("contains a colon (a drive letter or stream name)");
    }
    if (name.startsWith("/")) {
      throw new IllegalArgumentException("is an absolute path");
    }
    List<String> parts = new ArrayList<>();
    for (String part : name.split("/")) {
      if (part.equals("..")) {
        throw new IllegalArgumentException("climbs out of the target with '..'");
      }
      if (!part.isEmpty() && !part.equals(".")) {
        parts.add(part);
      }
    }
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("names no file");
    }
    return String.join("/", parts);
  }

  private static long extract(ZipFile zf, Path zip, Planned p, Path root, Limits limits, long totalSoFar)
      throws IOException {
    Path out = root.resolve(p.target()).normalize();
    if (!out.startsWith(root) || out.equals(root)) { // belt and braces: placement must stay inside too
      throw unsafe(zip, p.entry().getName(), "would be written outside " + root);
    }
    Files.createDirectories(out.getParent());
    if (!out.getParent().toRealPath().startsWith(root.toRealPath())) {
      throw unsafe(zip, p.entry().getName(), "would be written through a link outside " + root);
    }
    long compressed = Math.max(1, p.entry().getCompressedSize());
    long written = 0;
    CRC32 crc = new CRC32();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = zf.getInputStream(p.entry());
        OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        written += n;
        // Counted as it streams: headers can lie about sizes.
        if (written > limits.maxEntryBytes()) {
          throw bomb(zip, p.entry().getName(), "unpacks to more than the limit of " + limits.maxEntryBytes() + " bytes");
        }
        if (totalSoFar + written > limits.maxTotalBytes()) {
          throw bomb(zip, p.entry().getName(), "takes the archive past the limit of " + limits.maxTotalBytes() + " bytes in all");
        }
        if (written > RATIO_FLOOR_BYTES && written > limits.maxRatio() * compressed) {
          throw bomb(zip, p.entry().getName(), "expands more than " + (long) limits.maxRatio() + " times its compressed size of "
              + compressed + " bytes");
        }
        crc.update(buf, 0, n);
        os.write(buf, 0, n);
      }
    } catch (ZipException e) {
      throw new DownloadException(zip + " is damaged: entry " + printable(p.entry().getName()) + ": " + e.getMessage());
    }
    if (p.entry().getCrc() >= 0 && crc.getValue() != p.entry().getCrc()) {
      throw new DownloadException(zip + " is damaged: entry " + printable(p.entry().getName()) + " fails its CRC check");
    }
    if (p.entry().getSize() >= 0 && written != p.entry().getSize()) {
      throw new DownloadException(zip + " is damaged: entry " + printable(p.entry().getName()) + " holds " + written
          + " bytes but declares " + p.entry().getSize());
    }
    return written;
  }

  private static ZipFile open(Path zip) throws IOException {
    try {
      return new ZipFile(zip.toFile(), StandardCharsets.UTF_8);
    } catch (ZipException e) {
      throw new DownloadException(zip + " is not a readable ZIP archive (" + e.getMessage() + "); delete it to download again");
    }
  }

  private static DownloadException unsafe(Path zip, String entry, String reason) {
    return new DownloadException("unsafe archive " + zip + ": entry \"" + printable(entry) + "\" " + reason
        + "; refusing to unpack it");
  }

  private static DownloadException bomb(Path zip, String entry, String reason) {
    return new DownloadException("refusing to unpack " + zip + ": entry \"" + printable(entry) + "\" " + reason
        + " (a decompression bomb?)");
  }

  /** An entry name fit for a one-line message. */
  static String printable(String name) {
    StringBuilder sb = new StringBuilder();
    name.codePoints().limit(160).forEach(c -> sb.appendCodePoint(c < 0x20 || c == 0x7f ? '?' : c));
    return name.length() > 160 ? sb + "..." : sb.toString();
  }

  /**
   * What {@link ZipFile} does not tell: which entries are symbolic links (Unix mode in the
   * external attributes of the central directory).
   */
  record CentralDirectory(int entries, Set<String> symlinks) {
    private static final int EOCD_SIGNATURE = 0x06054b50;
    private static final int CEN_SIGNATURE = 0x02014b50;
    private static final int MAX_CEN_BYTES = 64 << 20;

    static CentralDirectory read(Path zip) throws IOException {
      try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
        long size = ch.size();
        int tailLength = (int) Math.min(size, 22 + 0xFFFF);
        ByteBuffer tail = readFully(ch, size - tailLength, tailLength);
        int eocd = -1;
        for (int i = tailLength - 22; i >= 0; i--) {
          if (tail.getInt(i) == EOCD_SIGNATURE) {
            eocd = i;
            break;
          }
        }
        if (eocd < 0) {
          throw new DownloadException(zip + " is not a ZIP archive (no end of central directory); delete it to download again");
        }
        int count = Short.toUnsignedInt(tail.getShort(eocd + 10));
        long cenSize = Integer.toUnsignedLong(tail.getInt(eocd + 12));
        long cenOffset = Integer.toUnsignedLong(tail.getInt(eocd + 16));
        if (count == 0xFFFF || cenSize == 0xFFFFFFFFL || cenOffset == 0xFFFFFFFFL) {
          throw new DownloadException(zip + " is a ZIP64 archive, which is larger than any corpus this tool unpacks");
        }
        // Like java.util.zip, locate the directory from its end, which tolerates prepended bytes.
        long cenStart = size - tailLength + eocd - cenSize;
        if (cenSize > MAX_CEN_BYTES || cenStart < 0) {
          throw new DownloadException(zip + " is damaged: implausible central directory (" + cenSize + " bytes)");
        }
        ByteBuffer cen = readFully(ch, cenStart, (int) cenSize);
        Set<String> links = new HashSet<>();
        int p = 0;
        for (int i = 0; i < count; i++) {
          if (p + 46 > cenSize || cen.getInt(p) != CEN_SIGNATURE) {
            throw new DownloadException(zip + " is damaged: central directory entry " + i + " is malformed");
          }
          int madeBy = Short.toUnsignedInt(cen.getShort(p + 4));
          int nameLength = Short.toUnsignedInt(cen.getShort(p + 28));
          int extraLength = Short.toUnsignedInt(cen.getShort(p + 30));
          int commentLength = Short.toUnsignedInt(cen.getShort(p + 32));
          long external = Integer.toUnsignedLong(cen.getInt(p + 38));
          if (p + 46 + nameLength > cenSize) {
            throw new DownloadException(zip + " is damaged: central directory entry " + i + " is truncated");
          }
          boolean unix = (madeBy >>> 8) == 3;
          if (unix && ((external >>> 16) & 0xF000) == 0xA000) {
            byte[] name = new byte[nameLength];
            cen.get(p + 46, name);
            links.add(new String(name, StandardCharsets.UTF_8));
          }
          p += 46 + nameLength + extraLength + commentLength;
        }
        return new CentralDirectory(count, links);
      }
    }

    private static ByteBuffer readFully(FileChannel ch, long position, int length) throws IOException {
      ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
      while (buf.hasRemaining()) {
        if (ch.read(buf, position + buf.position()) < 0) {
          throw new IOException("unexpected end of file");
        }
      }
      return buf.flip();
    }
  }
}
