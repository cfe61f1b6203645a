package art.empathic.app.cli;

import art.empathic.audio.Audio;
import art.empathic.audio.Resampler;
import art.empathic.audio.WavReader;
import art.empathic.features.dsp.MfccConfig;
import art.empathic.features.dsp.MfccExtractor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code empathic-art mfcc FILE}: librosa-equal MFCC of one WAV file as CSV. */
@Command(name = "mfcc", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Print the MFCC of a WAV file as CSV, equal to librosa.feature.mfcc for the same parameters.",
      "The CSV goes to standard output (the values of librosa >= 0.10): no header, one line per "
          + "frame, n_mfcc values per line (each float32 printed with the digits that read back to the same value).",
      "Defaults are librosa's (n_fft 2048, hop 512, 128 Slaney mel bands, fmin 0, fmax sr/2, centered "
          + "zero-padded frames, top_db 80) with 40 coefficients."})
public final class MfccCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "WAV file (mixed down to mono).")
  Path file;

  @Option(names = "--sr", paramLabel = "N",
      description = "Resample to this rate first (default: the file's own rate).")
  Integer sampleRate;

  @Mixin MfccOptions mfccOptions;

  @Option(names = "--no-center", description = "Frames start at sample 0 instead of being centred on zero-padded audio.")
  boolean noCenter;

  @Option(names = "--mean", description = "Print one line: the mean of each coefficient over frames.")
  boolean mean;

  @Override
  public Integer call() throws Exception {
    Audio audio = WavReader.read(file);
    if (sampleRate != null) {
      audio = Resampler.resample(audio, sampleRate);
    }
    int sr = audio.sampleRate();
    MfccConfig config = mfccOptions.config(sr, !noCenter);
    float[][] mfcc;
    try {
      mfcc = new MfccExtractor(config).mfcc(audio.samples());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (mean) {
      printRow(out, MfccExtractor.timeMean(mfcc));
    } else {
      float[] row = new float[mfcc.length];
      for (int t = 0; t < mfcc[0].length; t++) {
        for (int k = 0; k < row.length; k++) {
          row[k] = mfcc[k][t];
        }
        printRow(out, row);
      }
    }
    out.flush();
    return 0;
  }

  private static void printRow(PrintWriter out, float[] row) {
    StringBuilder line = new StringBuilder(row.length * 12);
    for (int k = 0; k < row.length; k++) {
      if (k > 0) {
        line.append(',');
      }
      line.append(row[k]); // Float.toString: the shortest text that parses back to this float
    }
    out.println(line);
  }
}
