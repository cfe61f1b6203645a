package art.empathic.corpus;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The corpus readers, named as {@code --corpus} spells them, with the language each corpus is spoken in. */
public enum CorpusKind {
  RAVDESS("ravdess", new RavdessNames(), "English"),
  TESS("tess", new TessNames(), "English"),
  SAVEE("savee", new SaveeNames(), "English"),
  CREMA_D("crema-d", new CremaDNames(), "English"),
  EMODB("emodb", new EmoDbNames(), "German"),
  EMOVO("emovo", new EmovoNames(), "Italian"),
  CASIA("casia", new CasiaNames(), "Mandarin"),
  NEMO("nemo", new NemoNames(), "Polish"),
  FOLDER("folder", new FolderLayout(), null),
  MANIFEST("manifest", null, null);

  private final String cliName;
  private final NameReader reader;
  private final String language;

  CorpusKind(String cliName, NameReader reader, String language) {
    this.cliName = cliName;
    this.reader = reader;
    this.language = language;
  }

  /**
   * The language the corpus is spoken in ("English", "German", "Italian", "Mandarin", "Polish"),
   * or empty for the generic readers (folder, manifest), which read any corpus.
   */
  public Optional<String> language() {
    return Optional.ofNullable(language);
  }

  /**
   * The named corpus kind whose readers label clips with this corpus name ("emovo", also as a
   * manifest's dataset column writes it), or empty for a corpus no reader names.
   */
  public static Optional<CorpusKind> ofCorpusName(String corpus) {
    if (corpus == null) {
      return Optional.empty();
    }
    String t = corpus.trim().toLowerCase(Locale.ROOT).replace("_", "-");
    return Arrays.stream(values()).filter(k -> k.byFileName() && (k.cliName.equals(t)
        || k.cliName.replace("-", "").equals(t))).findFirst();
  }

  /** The language of a corpus by its name ({@link #ofCorpusName}), or empty when it is not known. */
  public static Optional<String> languageOf(String corpus) {
    return ofCorpusName(corpus).flatMap(CorpusKind::language);
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
