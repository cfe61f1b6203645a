package art.empathic.app.cli;

import art.empathic.corpus.Corpus;
import art.empathic.corpus.CorpusKind;
import art.empathic.corpus.CorpusOptions;
import art.empathic.corpus.NeutralPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options every command that reads corpora shares: directories, reader, neutral rule. */
final class CorpusArgs {
  @Parameters(arity = "1..*", paramLabel = "DIR",
      description = "Corpus directories (or CSV/TSV manifests), or a data root holding several corpus folders; "
          + "several are combined into one corpus.")
  List<Path> dirs;

  @Option(names = "--corpus", paramLabel = "KIND", converter = KindConverter.class,
      description = "Reader to use: ravdess, tess, savee, crema-d, emodb, emovo, casia, nemo, folder or manifest "
          + "(default: detected from the file names).")
  CorpusKind kind;

  @Option(names = "--neutral", paramLabel = "RULE",
      description = "Neutral clips: drop, calm (relabel as calm) or keep (the class Neutral). Default: keep for "
          + "corpus info, which counts every class the data holds; drop (the study's seven classes) for the others.")
  NeutralPolicy neutral;

  /** Reads the directories with --neutral, or {@code byDefault} without it. */
  Corpus load(NeutralPolicy byDefault) throws IOException {
    return load(byDefault, false);
  }

  /** As {@link #load(NeutralPolicy)}, showing the reading's progress on standard error when {@code progress}. */
  Corpus load(NeutralPolicy byDefault, boolean progress) throws IOException {
    return Corpus.load(dirs, new CorpusOptions(kind, neutral != null ? neutral : byDefault), progress);
  }

  /** Parses --corpus with the corpus package's names ("crema-d" is not an enum constant name). */
  static final class KindConverter implements picocli.CommandLine.ITypeConverter<CorpusKind> {
    @Override
    public CorpusKind convert(String value) {
      return CorpusKind.parse(value);
    }
  }
}
