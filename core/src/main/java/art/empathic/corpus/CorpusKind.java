package art.empathic.corpus;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The corpus readers, named as {@code --corpus} spells them. */
public enum CorpusKind {
  RAVDESS("ravdess", new RavdessNames()),
  TESS("tess", new TessNames()),
  SAVEE("savee", new SaveeNames()),
  CREMA_D("crema-d", new CremaDNames()),
  EMODB("emodb", new EmoDbNames()),
  FOLDER("folder", new FolderLayout()),
  MANIFEST("manifest", null);

  private final String cliName;
  private final NameReader reader;

  CorpusKind(String cliName, NameReader reader) {
    this.cliName = cliName;
    this.reader = reader;
  }

  /** The name {@code --corpus} takes, e.g. "crema-d". */
  public String cliName() {
    return cliName;
  }

  /** The name reader, or null for {@link #MANIFEST}, which reads a file instead of names. */
  public NameReader reader() {
    return reader;
  }

  /** True for the corpora recognised by file name alone (everything but folder and manifest). */
  public boolean byFileName() {
    return this != FOLDER && this != MANIFEST;
  }

  /** Parses a CLI name ("crema-d", "CREMA_D", "cremad" all work); also how JSON files name a kind. */
  @JsonCreator
  public static CorpusKind parse(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT).replace("_", "-");
    for (CorpusKind k : values()) {
      if (k.cliName.equals(t) || k.cliName.replace("-", "").equals(t)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown corpus kind '" + s + "' (use one of " + names() + ")");
  }

  public static String names() {
    return Arrays.stream(values()).map(CorpusKind::cliName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return cliName;
  }
}
