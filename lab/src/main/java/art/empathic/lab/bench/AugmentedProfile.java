package art.empathic.lab.bench;

import art.empathic.audio.Audio;
import art.empathic.audio.AudioFormatException;
import art.empathic.audio.Channel;
import art.empathic.audio.Resampler;
import art.empathic.audio.WavReader;
import art.empathic.corpus.ContentHash;
import art.empathic.features.AudioAugmenter;
import art.empathic.features.AugmentSpec;
import art.empathic.features.BaseFeature;
import art.empathic.features.FeatureSpec;
import art.empathic.features.dsp.Functionals;
import art.empathic.features.dsp.MfccExtractor;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code bench features --augment}: CPU time per stage of the altered copies the feature pipeline
 * computes for training, on this thread, in the pipeline's order (read and decode the clip,
 * resample it to the spec's rate, time shift / speed / pitch / noise as drawn, the channel, the
 * voice matrix, the functionals). Babble voices are other speakers' clips of the sample (the
 * speaker is the clip's folder, as in RAVDESS's Actor_NN), picked as {@code FeaturePipeline}
 * picks them from a training pool, and decoded and resampled for every copy as the pipeline does.
 */
final class AugmentedProfile {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final AugmentSpec augment;
  private final FeatureSpec featureSpec;
  private final MfccExtractor extractor;
  private double checksum;

  AugmentedProfile(AugmentSpec augment, FeatureSpec featureSpec) {
    this.augment = augment;
    this.featureSpec = featureSpec;
    this.extractor = new MfccExtractor(featureSpec.mfcc());
  }

  /** One pass over every copy of every file; prints the profile when {@code out} is given. */
  void run(List<Path> files, PrintWriter out) throws IOException {
    Map<String, long[]> t = new LinkedHashMap<>(); // stage -> {nanos, calls}
    for (String s : List.of("read + decode", "resample to 16 kHz", "shift / speed / pitch / noise",
        "babble voices: read + decode + resample")) {
      t.put(s, new long[2]);
    }
    for (Channel.Kind k : Channel.Kind.values()) {
      t.put("channel " + k.name().toLowerCase(java.util.Locale.ROOT), new long[2]);
    }
    t.put("voice matrix", new long[2]);
    t.put("functionals", new long[2]);
    int rate = featureSpec.sampleRate();
    int copies = 0;
    double audioSeconds = 0;
    for (Path f : files) {
      byte[] probe = Files.readAllBytes(f);
      String hash = ContentHash.of(probe);
      String speaker = f.getParent().getFileName().toString();
      for (int copy = 1; copy <= augment.totalCopies(); copy++) {
        AugmentSpec.Draw d = augment.draw(hash, speaker, copy);
        long a = cpu();
        Audio decoded;
        try {
          decoded = WavReader.decode(Files.readAllBytes(f), f.toString());
        } catch (AudioFormatException e) {
          break;
        }
        long b = cpu();
        Audio audio = Resampler.resample(decoded, rate);
        long c = cpu();
        float[] y = AudioAugmenter.alter(audio.samples(), rate, d, augment.noiseColour());
        long e = cpu();
        List<float[]> babble = new ArrayList<>();
        if (d.channel() != null && d.channel().kind() == Channel.Kind.BABBLE) {
          List<Path> others = files.stream().filter(o -> !o.getParent().getFileName().toString().equals(speaker)).toList();
          Random rnd = new Random(d.noiseSeed() * 31 + 17);
          int voices = d.talkers() != null ? d.talkers() : Channel.BABBLE_TALKERS;
          for (int k = 0; k < voices; k++) {
            Path o = others.get(rnd.nextInt(others.size()));
            try {
              babble.add(Resampler.resample(WavReader.decode(Files.readAllBytes(o), o.toString()), rate).samples());
            } catch (AudioFormatException ex) {
              // an unreadable voice is left out, as a skipped clip would be
            }
          }
        }
        long g = cpu();
        Audio altered = AudioAugmenter.throughChannel(new Audio(y, rate), d, babble);
        long h = cpu();
        float[][] frames = BaseFeature.VOICE.compute(extractor, altered.samples());
        long i = cpu();
        float[] row = Functionals.of(frames, featureSpec.mfcc());
        long j = cpu();
        checksum += row[0];
        copies++;
        audioSeconds += altered.durationSeconds();
        add(t, "read + decode", b - a);
        add(t, "resample to 16 kHz", c - b);
        add(t, "shift / speed / pitch / noise", e - c);
        if (!babble.isEmpty()) {
          add(t, "babble voices: read + decode + resample", g - e);
        }
        if (d.channel() != null) {
          add(t, "channel " + d.channel().kind().name().toLowerCase(java.util.Locale.ROOT), h - g);
        }
        add(t, "voice matrix", i - h);
        add(t, "functionals", j - i);
      }
    }
    if (out == null) {
      return;
    }
    long total = t.values().stream().mapToLong(v -> v[0]).sum();
    out.printf("augmented copies (%s, seed %d): %d copies of %d clips, %.1f s of altered audio; one thread,"
        + " CPU time per stage (checksum %.3g):%n", augment.toCli(), augment.seed(), copies, files.size(), audioSeconds,
        checksum);
    out.printf("  %-42s %8s %6s %6s %10s%n", "stage", "CPU s", "share", "calls", "ms/call");
    for (Map.Entry<String, long[]> s : t.entrySet()) {
      long[] v = s.getValue();
      out.printf("  %-42s %8.3f %5.1f%% %6d %10.2f%n", s.getKey(), v[0] / 1e9, 100.0 * v[0] / total, v[1],
          v[1] == 0 ? 0 : v[0] / 1e6 / v[1]);
    }
    out.printf("  %-42s %8.3f        %6d %10.2f  (%.0fx real time per CPU second)%n", "whole copy", total / 1e9, copies,
        total / 1e6 / Math.max(1, copies), audioSeconds / (total / 1e9));
    out.flush();
  }

  private static void add(Map<String, long[]> t, String stage, long nanos) {
    long[] v = t.get(stage);
    v[0] += nanos;
    v[1]++;
  }

  private static long cpu() {
    return THREADS.getCurrentThreadCpuTime();
  }
}
