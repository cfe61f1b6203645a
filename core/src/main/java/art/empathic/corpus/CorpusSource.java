package art.empathic.corpus;

import java.nio.file.Path;

/**
 * One directory (or manifest file) a corpus was read from, the reader used and why.
 *
 * @param root the directory or manifest as given (absolute, normalised)
 * @param kind the reader used
 * @param detection how the reader was chosen, e.g. "forced by --corpus" or "1440 of 1440 WAV names"
 */
public record CorpusSource(Path root, CorpusKind kind, String detection) {}
