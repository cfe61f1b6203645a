package art.empathic.features;

import art.empathic.io.AtomicFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import art.empathic.audio.Audio;
import art.empathic.audio.AudioFormatException;
import art.empathic.audio.Resampler;
import art.empathic.audio.WavReader;
import art.empathic.features.dsp.MfccConfig;
import art.empathic.features.dsp.MfccExtractor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import art.empathic.io.PhaseProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import art.empathic.corpus.Clip;
import art.empathic.corpus.ContentHash;
import art.empathic.corpus.Corpus;
import art.empathic.corpus.CorpusOptions;
import art.empathic.corpus.Emotion;
import art.empathic.corpus.Gender;
import art.empathic.corpus.SkippedFile;
import art.empathic.corpus.Split;
import art.empathic.corpus.SplitSpec;
import art.empathic.corpus.Splitter;
import art.empathic.corpus.TestAudio;

/** Extraction equals direct computation, is cached, survives damage and bad clips, guards augmentation. */
class FeaturePipelineTest {
  @TempDir Path tmp;

  private static final MfccConfig CONFIG = MfccConfig.librosaDefaults(16000).withNFft(512).withHopLength(256)
      .withNMels(40).withNMfcc(13);

  private Corpus corpus() throws IOException {
    TestAudio.wavs(tmp.resolve("data"), List.of("angry/s1/a.wav", "angry/s2/b.wav", "sad/s1/c.wav", "sad/s2/d.wav",
        "happy/s1/e.wav", "happy/s2/f.wav"));
    return Corpus.load(List.of(tmp.resolve("data")), CorpusOptions.DEFAULT);
  }

  private FeaturePipeline pipeline(FeatureSpec spec) {
    return new FeaturePipeline(spec, FeatureCache.at(tmp.resolve("cache")), 2, false);
  }

  private static float[] direct(FeatureSpec spec, Path wav) throws AudioFormatException {
    Audio a = Resampler.resample(WavReader.read(wav), spec.sampleRate());
    MfccExtractor x = new MfccExtractor(spec.mfcc());
    float[][] base = spec.kind() == FeatureKind.MEL_DB ? x.melDb(a.samples()) : x.mfcc(a.samples());
    return spec.derive(base);
  }

  /**
   * Progress off the terminal: one step per item, a line when 30 s have passed (here at every look
   * at the clock) and one at the end; nothing at all without progress (--no-progress).
   */
  @Test
  void progressOffTheTerminalWritesLinesAndWithoutProgressNothing() throws Exception {
    Corpus c = corpus();
    for (PhaseProgress.Mode mode : List.of(PhaseProgress.Mode.LINES, PhaseProgress.Mode.OFF)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      AtomicLong clock = new AtomicLong();
      PhaseProgress.Display display = new PhaseProgress.Display(mode, new PrintStream(bytes, true, StandardCharsets.UTF_8),
          () -> clock.addAndGet(31_000_000_000L));
      FeaturePipeline p = new FeaturePipeline(FeatureSpec.mfccMean(CONFIG), FeatureCache.disabled(), 2, display,
          (audio, augment, draw, babble) -> audio);
      assertThat(p.extract(c.clips()).size()).isEqualTo(6);
      String text = bytes.toString(StandardCharsets.UTF_8);
      if (mode == PhaseProgress.Mode.OFF) {
        assertThat(text).isEmpty();
        continue;
      }
      List<String> lines = List.of(text.split("\n"));
      assertThat(lines).hasSizeBetween(2, 6).doesNotHaveDuplicates()
          .allSatisfy(l -> assertThat(l).matches("features: [1-6]/6 items \\(\\d+%\\), .*"));
      assertThat(lines.get(lines.size() - 1)).isEqualTo("features: 6/6 items (100%), 0.028 items/s, done in 3 min 37 s");
    }
  }

  @Test
  void featuresEqualDirectComputationAndComeFromTheCacheTheSecondTime() throws Exception {
    Corpus c = corpus();
    FeatureSpec spec = FeatureSpec.mfccSeq(CONFIG, 10).withDeltas(1);
    FeatureSet first = pipeline(spec).extract(c.clips());
    assertThat(first.size()).isEqualTo(6);
    assertThat(first.report().computed()).isEqualTo(6);
    assertThat(first.report().fromCache()).isZero();
    for (int i = 0; i < 6; i++) {
      assertThat(first.rows().get(i)).containsExactly(direct(spec, c.clips().get(i).path()));
    }
    assertThat(first.labels(Emotion.SEVEN)).containsExactly(0, 0, 4, 4, 5, 5);
    assertThat(first.speakers()).containsExactly("s1", "s2", "s1", "s2", "s1", "s2");

    FeatureSet second = pipeline(spec).extract(c.clips());
    assertThat(second.report().fromCache()).isEqualTo(6);
    assertThat(second.report().computed()).isZero();
    for (int i = 0; i < 6; i++) {
      assertThat(second.rows().get(i)).containsExactly(first.rows().get(i));
    }
    // Another kind and frame count from the same base matrix: still all from the cache.
    FeatureSet pooled = pipeline(FeatureSpec.mfccMean(CONFIG)).extract(c.clips());
    assertThat(pooled.report().fromCache()).isEqualTo(6);
    assertThat(pooled.rows().get(3)).containsExactly(direct(FeatureSpec.mfccMean(CONFIG), c.clips().get(3).path()));
    assertThat(pooled.flat()).hasSize(6 * 13);
  }

  @Test
  void voiceEntriesKeepNoMfccRowsYetGiveTheSameFunctionalsAndRecordTheirCorpus() throws Exception {
    Corpus c = corpus();
    FeatureSpec spec = FeatureSpec.functionals(16000);
    FeaturePipeline p = pipeline(spec);
    FeatureSet first = p.extract(c.clips());
    Audio a = Resampler.resample(WavReader.read(c.clips().get(1).path()), 16000);
    float[][] full = BaseFeature.VOICE.compute(new MfccExtractor(spec.mfcc()), a.samples());
    assertThat(first.rows().get(1)).containsExactly(spec.derive(full));
    // The entry holds the log-mel and prosody rows only; a hit rebuilds the MFCC rows bit for bit.
    Path entry = p.cache().entryPath(p.cacheKey(c.clips().get(1)));
    assertThat(Files.size(entry)).isLessThan(4L * (full.length - spec.mfcc().nMfcc()) * full[0].length);
    FeatureSet second = pipeline(spec).extract(c.clips());
    assertThat(second.report().fromCache()).isEqualTo(6);
    for (int i = 0; i < 6; i++) {
      assertThat(second.rows().get(i)).containsExactly(first.rows().get(i));
    }
    assertThat(p.cache().entries()).hasSize(6).allSatisfy(e -> {
      assertThat(e.base()).isEqualTo("voice");
      assertThat(e.corpus()).isEqualTo(c.clips().get(0).corpus());
      assertThat(e.current()).isTrue();
    });
    assertThat(p.cacheGroups()).singleElement().satisfies(line -> {
      assertThat(line).endsWith("voice " + c.clips().get(0).corpus() + " augment=none");
      assertThat(line.split(" ")[0]).isEqualTo(p.cache().entries().get(0).group());
    });
    // A truncated entry is recomputed, never trusted.
    byte[] bytes = Files.readAllBytes(entry);
    Files.write(entry, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    FeatureSet third = pipeline(spec).extract(c.clips());
    assertThat(third.report().corrupt()).isEqualTo(1);
    assertThat(third.rows().get(1)).containsExactly(first.rows().get(1));
  }

  @Test
  void cacheKeysFollowWhatTheBaseMatrixDependsOn() throws IOException {
    Clip clip = corpus().clips().get(0);
    String mfcc13 = pipeline(FeatureSpec.mfccMean(CONFIG)).cacheKey(clip);
    assertThat(pipeline(FeatureSpec.mfccSeq(CONFIG, 99)).cacheKey(clip)).isEqualTo(mfcc13);
    assertThat(pipeline(FeatureSpec.mfccMean(CONFIG.withNMfcc(20))).cacheKey(clip)).isNotEqualTo(mfcc13);
    assertThat(pipeline(FeatureSpec.mfccMean(CONFIG.withHopLength(128))).cacheKey(clip)).isNotEqualTo(mfcc13);
    String mel = pipeline(FeatureSpec.melDb(CONFIG, 10)).cacheKey(clip);
    assertThat(mel).isNotEqualTo(mfcc13);
    assertThat(pipeline(FeatureSpec.melDb(CONFIG.withNMfcc(20), 10)).cacheKey(clip)).isEqualTo(mel);
  }

  @Test
  void aCorruptEntryIsRecomputedAndReplaced() throws Exception {
    Corpus c = corpus();
    FeatureSpec spec = FeatureSpec.melDb(CONFIG, 12);
    FeaturePipeline p = pipeline(spec);
    FeatureSet first = p.extract(c.clips());
    Path entry = p.cache().entryPath(p.cacheKey(c.clips().get(2)));
    byte[] bytes = Files.readAllBytes(entry);
    bytes[bytes.length - 20] ^= 0x01;
    Files.write(entry, bytes);
    FeatureSet again = pipeline(spec).extract(c.clips());
    assertThat(again.report().corrupt()).isEqualTo(1);
    assertThat(again.report().computed()).isEqualTo(1);
    assertThat(again.report().fromCache()).isEqualTo(5);
    assertThat(again.rows().get(2)).containsExactly(first.rows().get(2));
    assertThat(pipeline(spec).extract(c.clips()).report().fromCache()).isEqualTo(6);
    try (Stream<Path> files = Files.walk(tmp.resolve("cache"))) {
      assertThat(files.filter(f -> f.toString().endsWith(AtomicFiles.TEMP_SUFFIX))).isEmpty();
    }
  }

  @Test
  void badClipsAreSkippedWithTheirReasonAndTheBatchGoesOn() throws Exception {
    Corpus c = corpus();
    List<Clip> clips = new ArrayList<>(c.clips());
    // Changed on disk after loading; and too short for deltas of width 9.
    Files.writeString(clips.get(1).path(), "overwritten");
    Path tiny = TestAudio.wav(tmp.resolve("tiny.wav"), 1, 16000, 0.01);
    String tinyHash = ContentHash.of(Files.readAllBytes(tiny));
    clips.add(new Clip(tiny, "x", "s9", Gender.UNKNOWN, Emotion.FEAR, "fear", null, tinyHash, tinyHash, 0.01));
    FeatureSet f = pipeline(FeatureSpec.mfccMean(CONFIG).withDeltas(1)).extract(clips);
    assertThat(f.size()).isEqualTo(5);
    assertThat(f.report().skipped()).extracting(SkippedFile::path).containsExactly(clips.get(1).path(), tiny);
    assertThat(f.report().skipped().get(0).reason()).contains("changed since the corpus was read");
    assertThat(f.report().skipped().get(1).reason()).containsIgnoringCase("width");
    assertThat(f.report().summary()).contains("7 items").contains("2 skipped");
  }

  @Test
  void audioAtAnotherRateIsResampled() throws Exception {
    Path wav = TestAudio.wav(tmp.resolve("r/angry/a.wav"), 3, 8000, 0.3);
    Corpus c = Corpus.load(List.of(tmp.resolve("r")), CorpusOptions.DEFAULT);
    FeatureSpec spec = FeatureSpec.mfccMean(CONFIG);
    FeatureSet f = pipeline(spec).extract(c.clips());
    float[] expected = spec.derive(new MfccExtractor(CONFIG).mfcc(Resampler.resample(WavReader.read(wav).samples(), 8000, 16000)));
    assertThat(f.rows().get(0)).containsExactly(expected);
  }

  @Test
  void augmentationOnlyTouchesTrainingAndRefusesLeaks() throws Exception {
    Corpus c = corpus();
    Split split = Splitter.split(c.clips(), SplitSpec.speakerFold(2, 1, 0));
    AugmentSpec aug = AugmentSpec.noise(2, 10, 20, 5);
    List<String> applied = java.util.Collections.synchronizedList(new ArrayList<>());
    FeaturePipeline.Augmenter fake = (audio, spec, draw, babble) -> {
      applied.add(draw.key());
      float[] y = audio.samples().clone();
      for (int i = 0; i < y.length; i++) {
        y[i] *= 0.5f + 0.1f * draw.copy();
      }
      return new Audio(y, audio.sampleRate());
    };
    FeatureSpec spec = FeatureSpec.mfccMean(CONFIG);
    FeaturePipeline p = new FeaturePipeline(spec, FeatureCache.at(tmp.resolve("cache")), 2, false, fake);
    SplitFeatures f = p.extract(split, aug);
    assertThat(f.train().size()).isEqualTo(3 * split.train().size());
    assertThat(f.test().size()).isEqualTo(split.test().size());
    assertThat(f.test().variants()).containsOnly(FeatureSet.ORIGINAL);
    assertThat(f.train().variants()).filteredOn(v -> v.startsWith("copy ")).hasSize(2 * split.train().size());
    assertThat(applied).hasSize(2 * split.train().size()).doesNotHaveDuplicates();
    assertThat(f.train().rows().get(1)).isNotEqualTo(f.train().rows().get(0));
    // Augmented copies have their own cache entries: a second run computes nothing.
    applied.clear();
    SplitFeatures again = p.extract(split, aug);
    assertThat(applied).isEmpty();
    assertThat(again.train().report().fromCache()).isEqualTo(again.train().size());
    assertThat(again.train().rows().get(1)).containsExactly(f.train().rows().get(1));

    // A training clip holding the same audio as a test clip (other bytes, same audio key): refused.
    Clip testClip = split.test().get(0);
    List<Clip> leakyTrain = new ArrayList<>(split.train());
    leakyTrain.add(new Clip(tmp.resolve("copy.wav"), "x", "s1", Gender.UNKNOWN, testClip.emotion(), testClip.label(),
        null, ContentHash.of("re-dithered copy"), testClip.audioKey(), 1));
    Split leaky = new Split(split.spec(), "hand-made", split.testSpeakers(), leakyTrain, List.of(), split.test(), List.of());
    assertThatThrownBy(() -> p.extract(leaky, aug)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refusing to augment").hasMessageContaining(testClip.path().toString());
  }

  @Test
  void augmentationDrawsAreDeterministicPerClipAndCopy() {
    AugmentSpec aug = new AugmentSpec(3, new AugmentSpec.Range(5, 25), null, new AugmentSpec.Range(-0.1, 0.1),
        new AugmentSpec.Range(0.9, 1.1), new AugmentSpec.Range(-2, 2), 11);
    String h = ContentHash.of("clip");
    assertThat(aug.draw(h, 1)).isEqualTo(aug.draw(h, 1));
    assertThat(aug.draw(h, 1)).isNotEqualTo(aug.draw(h, 2));
    assertThat(aug.draw(h, 1)).isNotEqualTo(aug.draw(ContentHash.of("other"), 1));
    AugmentSpec.Draw d = aug.draw(h, 2);
    assertThat(d.noiseSnrDb()).isBetween(5.0, 25.0);
    assertThat(d.speed()).isBetween(0.9, 1.1);
    assertThat(d.describe()).startsWith("copy 2: shift ").contains("dB SNR");
    assertThatThrownBy(() -> new AugmentSpec(1, null, null, null, null, null, 0)).hasMessageContaining("no alteration");
  }
}
