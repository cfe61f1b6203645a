package art.empathic.features;

import art.empathic.audio.Audio;
import art.empathic.audio.AudioFormatException;
import art.empathic.audio.Resampler;
import art.empathic.audio.WavReader;
import art.empathic.features.dsp.MfccExtractor;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import art.empathic.corpus.Clip;
import art.empathic.corpus.ContentHash;
import art.empathic.corpus.CorpusLoader;
import art.empathic.corpus.SkippedFile;
import art.empathic.corpus.Split;
import art.empathic.io.PhaseProgress;
import java.util.function.Predicate;

/**
 * Turns clips into model-ready features for one {@link FeatureSpec}, on all cores, through the
 * disk {@link FeatureCache}.
 *
 * <p>Per item: look up the base matrix (MFCC or log-mel, full length) under its cache key; on a
 * miss (or a corrupt entry) read the file, check it still has the content hash the corpus saw,
 * decode it, resample it to the spec's rate, apply the augmentation draw if the item is an
 * augmented copy, compute the base matrix and store it. The spec's kind is then derived from the
 * matrix in memory, so all kinds and frame counts share one cache entry per clip and config.
 *
 * <p>The cache key is the SHA-256 of: the base kind, the clip's content hash, every parameter the
 * base matrix depends on ({@link BaseFeature#configKey}), the augmentation (seed and drawn
 * strengths, or none) and the feature code's fingerprint.
 *
 * <p>A failing item (unreadable audio, too short for deltas, non-finite values, ...) is skipped
 * and named with the reason in the {@link ExtractionReport}; the batch goes on. When progress is
 * asked for, a {@link PhaseProgress} on standard error shows it, one step per item: a bar (count,
 * rate, time left) on a terminal, else a plain line at most every 30 s and one at the end.
 */
public final class FeaturePipeline {
  private final FeatureSpec spec;
  private final FeatureCache cache;
  private final int threads;
  private final PhaseProgress.Display display;
  private final MfccExtractor extractor;
  private final Augmenter augmenter;
  private final Map<String, String> usedGroups = new java.util.concurrent.ConcurrentHashMap<>();

  /** Applies one augmentation draw to audio at the spec's sample rate (tests substitute their own). */
  @FunctionalInterface
  interface Augmenter {
    Audio apply(Audio audio, AugmentSpec augment, AugmentSpec.Draw draw, List<float[]> babble);
  }

  /**
   * @param spec the features to make
   * @param cache where base matrices are cached ({@link FeatureCache#disabled()} for none)
   * @param threads worker threads (e.g. {@link Runtime#availableProcessors()})
   * @param progress show progress on standard error: a bar on a terminal, else plain lines
   */
  public FeaturePipeline(FeatureSpec spec, FeatureCache cache, int threads, boolean progress) {
    this(spec, cache, threads, progress, (audio, augment, draw, babble) -> AudioAugmenter.apply(audio, draw, augment.noiseColour(), babble));
  }

  FeaturePipeline(FeatureSpec spec, FeatureCache cache, int threads, boolean progress, Augmenter augmenter) {
    this(spec, cache, threads, PhaseProgress.Display.onStandardError(progress), augmenter);
  }

  /** As the others, showing progress on {@code display} (tests give one with a fake clock). */
  FeaturePipeline(FeatureSpec spec, FeatureCache cache, int threads, PhaseProgress.Display display, Augmenter augmenter) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.cache = Objects.requireNonNull(cache, "cache");
    if (threads < 1) {
      throw new IllegalArgumentException("need at least one thread, got " + threads);
    }
    this.threads = threads;
    this.display = Objects.requireNonNull(display, "display");
    this.extractor = new MfccExtractor(spec.mfcc());
    this.augmenter = augmenter;
  }

  /** The default cache, every core, progress shown. */
  public static FeaturePipeline withDefaults(FeatureSpec spec) {
    return new FeaturePipeline(spec, FeatureCache.atDefaultLocation(), Runtime.getRuntime().availableProcessors(), true);
  }

  public FeatureSpec spec() {
    return spec;
  }

  public FeatureCache cache() {
    return cache;
  }

  /** Features of the clips, in order (failed clips left out and named in the report). */
  public FeatureSet extract(List<Clip> clips) {
    List<Job> jobs = clips.stream().map(c -> new Job(c, null, null)).toList();
    return assemble(run(jobs, "features"), jobs.size(), x -> true);
  }

  /**
   * Features of a split's three parts. With an augmentation, altered copies of each training
   * clip are added to the training part only (after the originals, clip by clip). Refuses
   * (IllegalArgumentException) to augment when a training clip has the same audio as a test or
   * validation clip, since its altered copies would leak that audio into training.
   */
  public SplitFeatures extract(Split split, AugmentSpec augment) {
    if (augment != null) {
      checkAugmentable(split);
    }
    List<Job> jobs = new ArrayList<>();
    for (Clip c : split.train()) {
      jobs.add(new Job(c, null, Part.TRAIN));
      if (augment != null) {
        for (int copy = 1; copy <= augment.totalCopies(); copy++) {
          jobs.add(new Job(c, augmentedDraw(augment, c, copy, split.train()), Part.TRAIN));
        }
      }
    }
    split.validation().forEach(c -> jobs.add(new Job(c, null, Part.VALIDATION)));
    split.test().forEach(c -> jobs.add(new Job(c, null, Part.TEST)));
    Run out = run(jobs, "features");
    return new SplitFeatures(split,
        assemble(out, count(jobs, Part.TRAIN), o -> o.job().part() == Part.TRAIN),
        assemble(out, count(jobs, Part.VALIDATION), o -> o.job().part() == Part.VALIDATION),
        assemble(out, count(jobs, Part.TEST), o -> o.job().part() == Part.TEST));
  }

  /**
   * Only the augmented copies of {@code clips} ({@code augment.totalCopies()} per clip, clip by clip),
   * with babble (if a copy's channel is babble) drawn from {@code babblePool}'s clips of speakers
   * other than the clip's own. The caller must make sure the pool holds training clips only.
   */
  public FeatureSet extractCopies(List<Clip> clips, AugmentSpec augment, java.util.function.Function<Clip, List<Clip>> babblePool) {
    List<Job> jobs = new ArrayList<>();
    for (Clip c : clips) {
      for (int copy = 1; copy <= augment.totalCopies(); copy++) {
        jobs.add(new Job(c, augmentedDraw(augment, c, copy, babblePool.apply(c)), Part.TRAIN));
      }
    }
    return assemble(run(jobs, "augmented features"), jobs.size(), x -> true);
  }

  /**
   * The draw of one copy and, for a babble channel, the {@link art.empathic.audio.Channel#BABBLE_TALKERS}
   * clips it mixes (or the draw's {@code talkers}, each then mixed once): drawn (with repetition allowed) from {@code pool}'s clips of other speakers,
   * seeded by the draw, so the choice is fixed per clip and copy and named in the cache key. With
   * no other speaker in the pool the babble becomes white noise at the same SNR.
   */
  static AugmentedDraw augmentedDraw(AugmentSpec augment, Clip c, int copy, List<Clip> pool) {
    AugmentSpec.Draw d = augment.draw(c.contentHash(), c.speaker(), copy);
    if (d.channel() == null || d.channel().kind() != art.empathic.audio.Channel.Kind.BABBLE) {
      return new AugmentedDraw(augment, d, List.of());
    }
    List<Clip> others = pool.stream().filter(o -> !o.speaker().equals(c.speaker())).toList();
    if (others.isEmpty()) {
      // No other training voice to mix (e.g. a one-speaker corpus): white noise at the same SNR
      // rather than the clip's own voice or a failed training.
      AugmentSpec.Draw white = new AugmentSpec.Draw(d.copy(), d.shiftSeconds(), d.speed(), d.pitchSemitones(),
          d.noiseSnrDb(), d.noiseSeed(), new art.empathic.audio.Channel(art.empathic.audio.Channel.Kind.WHITE,
              d.channel().value()));
      return new AugmentedDraw(augment, white, List.of());
    }
    java.util.Random rnd = new java.util.Random(d.noiseSeed() * 31 + 17);
    List<Clip> picked = new ArrayList<>();
    int voices = d.talkers() != null ? d.talkers() : art.empathic.audio.Channel.BABBLE_TALKERS;
    for (int k = 0; k < voices; k++) {
      picked.add(others.get(rnd.nextInt(others.size())));
    }
    return new AugmentedDraw(augment, d, List.copyOf(picked));
  }

  /**
   * Throws IllegalArgumentException if augmenting the split's training part would put altered
   * copies of test or validation audio into training (same file, byte-identical file or the same
   * recording converted twice: equal {@link Clip#audioKey()}).
   */
  public static void checkAugmentable(Split split) {
    Map<String, Clip> heldOut = new HashMap<>();
    split.test().forEach(c -> heldOut.putIfAbsent(c.audioKey(), c));
    split.validation().forEach(c -> heldOut.putIfAbsent(c.audioKey(), c));
    for (Clip c : split.train()) {
      Clip twin = heldOut.get(c.audioKey());
      if (twin != null) {
        throw new IllegalArgumentException("refusing to augment: training clip " + c.path() + " has the same audio as "
            + (split.test().contains(twin) ? "test" : "validation") + " clip " + twin.path()
            + "; augmentation must come after a split that keeps identical audio on one side");
      }
    }
  }

  /** The cache key of a clip's base matrix (64 hex digits), without augmentation. */
  public String cacheKey(Clip clip) {
    return cacheKey(clip, null);
  }

  private String cacheKey(Clip clip, AugmentedDraw draw) {
    BaseFeature base = spec.kind().base();
    String text = "empathic-art features\nbase=" + base + "\naudio=" + clip.contentHash() + "\n"
        + base.configKey(spec.mfcc()) + "\naugment=" + (draw == null ? "none"
            : "seed=" + draw.spec().seed() + " " + draw.spec().settingsKey() + " " + draw.draw().key()
                + (draw.babble().isEmpty() ? "" : " babble=" + String.join("+", draw.babble().stream().map(Clip::contentHash).toList())))
        + "\ncode=" + FeatureCodeVersion.get();
    return ContentHash.of(text);
  }

  /**
   * The cache group of a job: its clip's corpus, the base matrix's configuration, the augmentation
   * (settings and seed, not the draw) and the feature code, as 16 hex digits. Entries record it;
   * a training run lists the groups it used, which is how {@code cache prune --unused} knows what
   * the runs under {@code runs/} need without a list of every key.
   */
  private String group(Job job) {
    BaseFeature base = spec.kind().base();
    return ContentHash.of("empathic-art cache group\nbase=" + base + "\n" + base.configKey(spec.mfcc())
        + "\ncorpus=" + job.clip().corpus() + "\naugment=" + (job.draw() == null ? "none"
            : "seed=" + job.draw().spec().seed() + " " + job.draw().spec().settingsKey())
        + "\ncode=" + FeatureCodeVersion.get()).substring(0, 16);
  }

  /**
   * The cache groups this pipeline's extractions used so far, one line each, sorted: the group,
   * then what it holds (base kind, corpus, augmentation), e.g. {@code 3fa9c1d2e4b5a6f7 voice ravdess augment=none}.
   */
  public List<String> cacheGroups() {
    return usedGroups.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).sorted().toList();
  }

  // ---- running -----------------------------------------------------------------------------

  private enum Part { TRAIN, VALIDATION, TEST }

  /** One copy's draw and the clips its babble mixes (empty unless the channel is babble). */
  record AugmentedDraw(AugmentSpec spec, AugmentSpec.Draw draw, List<Clip> babble) {}

  /** The cache key of an augmented copy (tests check it names the channel and babble clips). */
  String cacheKey(Clip clip, AugmentSpec augment, int copy, List<Clip> pool) {
    return cacheKey(clip, augmentedDraw(augment, clip, copy, pool));
  }

  private record Job(Clip clip, AugmentedDraw draw, Part part) {}

  /** A job's result: a row, or the reason it failed; and what the cache lookup found. */
  private record Outcome(Job job, float[] row, String problem, FeatureCache.Status cache) {}

  /** All outcomes of one run, and when it started. */
  private record Run(List<Outcome> outcomes, long startNanos) {}

  private static int count(List<Job> jobs, Part p) {
    return (int) jobs.stream().filter(j -> j.part() == p).count();
  }

  private Run run(List<Job> jobs, String task) {
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
    try (PhaseProgress progress = display.start(task, "items", jobs.size())) {
      List<Future<Outcome>> futures = new ArrayList<>(jobs.size());
      for (Job j : jobs) {
        futures.add(pool.submit(() -> {
          try {
            return process(j);
          } finally {
            progress.step();
          }
        }));
      }
      List<Outcome> out = new ArrayList<>(jobs.size());
      for (Future<Outcome> f : futures) {
        out.add(f.get());
      }
      return new Run(out, start);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("feature extraction interrupted", e);
    } catch (ExecutionException e) {
      // process() turns every Exception into a skipped item; what gets here is an Error.
      throw new IllegalStateException("feature extraction failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "features-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private Outcome process(Job job) {
    String key = cacheKey(job.clip(), job.draw());
    FeatureCache.Status status = FeatureCache.Status.MISS;
    try {
      BaseFeature kind = spec.kind().base();
      String group = group(job);
      usedGroups.putIfAbsent(group, kind.toString().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " " + job.clip().corpus() + " augment="
          + (job.draw() == null ? "none" : "seed=" + job.draw().spec().seed() + " " + job.draw().spec().settingsKey()));
      FeatureCache.Lookup found = cache.lookup(key);
      float[][] base = found.status() == FeatureCache.Status.HIT ? kind.restored(found.matrix(), extractor) : null;
      status = found.status() == FeatureCache.Status.HIT && (base == null || !plausible(base)) ? FeatureCache.Status.CORRUPT
          : found.status();
      if (status != FeatureCache.Status.HIT) {
        base = compute(job);
        cache.put(key, kind.stored(base, spec.mfcc()), new CacheEntry.Meta(kind.toString().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
            job.clip().corpus(), group, FeatureCodeVersion.get(), System.currentTimeMillis()));
      }
      float[] row = spec.derive(base);
      for (float v : row) {
        if (!Float.isFinite(v)) {
          return new Outcome(job, null, "features contain NaN or infinite values", status);
        }
      }
      return new Outcome(job, row, null, status);
    } catch (AudioFormatException e) {
      return new Outcome(job, null, e.problem(), status);
    } catch (IOException e) {
      return new Outcome(job, null, "cannot read: " + CorpusLoader.ioReason(e), status);
    } catch (IllegalArgumentException | IllegalStateException e) {
      return new Outcome(job, null, String.valueOf(e.getMessage()), status);
    } catch (RuntimeException e) {
      return new Outcome(job, null, e.getClass().getSimpleName() + ": " + e.getMessage(), status);
    }
  }

  /** A cached matrix of the wrong height is treated as corrupt. */
  private boolean plausible(float[][] m) {
    return m.length == spec.kind().base().rows(spec.mfcc()) && m.length > 0 && m[0].length > 0;
  }

  private float[][] compute(Job job) throws IOException, AudioFormatException {
    Clip clip = job.clip();
    byte[] bytes = Files.readAllBytes(clip.path());
    if (!ContentHash.of(bytes).equals(clip.contentHash())) {
      throw new IllegalStateException("the file changed since the corpus was read (content hash differs)");
    }
    Audio audio = Resampler.resample(WavReader.decode(bytes, clip.path().toString()), spec.sampleRate());
    if (job.draw() != null) {
      List<float[]> babble = new ArrayList<>();
      for (Clip b : job.draw().babble()) {
        babble.add(Resampler.resample(WavReader.decode(Files.readAllBytes(b.path()), b.path().toString()),
            spec.sampleRate()).samples());
      }
      audio = augmenter.apply(audio, job.draw().spec(), job.draw().draw(), babble);
    }
    return spec.kind().base().compute(extractor, audio.samples());
  }

  private FeatureSet assemble(Run run, int expected, Predicate<Outcome> select) {
    List<Clip> clips = new ArrayList<>();
    List<String> variants = new ArrayList<>();
    List<float[]> rows = new ArrayList<>();
    List<SkippedFile> skipped = new ArrayList<>();
    int fromCache = 0;
    int computed = 0;
    int corrupt = 0;
    for (Outcome o : run.outcomes()) {
      if (!select.test(o)) {
        continue;
      }
      if (o.cache() == FeatureCache.Status.HIT) {
        fromCache++;
      } else if (o.row() != null) {
        computed++;
      }
      if (o.cache() == FeatureCache.Status.CORRUPT) {
        corrupt++;
      }
      String variant = o.job().draw() == null ? FeatureSet.ORIGINAL : o.job().draw().draw().describe();
      if (o.row() != null) {
        clips.add(o.job().clip());
        variants.add(variant);
        rows.add(o.row());
      } else {
        String what = o.job().draw() == null ? "" : "augmented " + variant + ": ";
        skipped.add(new SkippedFile(o.job().clip().path(), what + o.problem()));
      }
    }
    List<String> notes = new ArrayList<>();
    cache.writeProblem().ifPresent(notes::add);
    double seconds = (System.nanoTime() - run.startNanos()) / 1e9;
    return new FeatureSet(spec, clips, variants, rows,
        new ExtractionReport(expected, fromCache, computed, corrupt, skipped, seconds, notes));
  }
}
