package art.empathic.spark;

import art.empathic.audio.Audio;
import art.empathic.audio.WavReader;
import art.empathic.audio.WavWriter;
import art.empathic.recognize.ClipAnalysis;
import art.empathic.recognize.EmotionRecognizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Warms an embedded job's clip path while Spark starts. Embedded ({@code local[...]}), the tasks
 * run in this JVM, and their first clips otherwise run in the interpreter while the JIT compiler
 * works through the audio code on the cores the task slots need. Starting Spark is mostly one
 * thread's work, so a second thread can meanwhile open the model (its engine and native library
 * too) and hear a few synthetic voiced clips through the very code a task runs (decode, voice
 * check, resampling, features, network), getting that code compiled before the first task.
 *
 * <p>The warm-up has its own recognizer (closed when it ends), so nothing it does reaches an
 * answer: only the JVM's compiled code is shared. It stops at its clip budget, when the job's
 * first task starts, or on any failure (the command then meets the problem itself and reports
 * it). On a cluster the executors are other JVMs, so there is nothing to warm; it is not used.
 */
final class EmbeddedWarmup implements AutoCloseable {
  /** Synthetic clips at most: past this many the audio code is compiled (docs/BENCHMARKS.md, "Spark"). */
  static final int DEFAULT_CLIPS = 40;

  private static volatile boolean tasksStarted;

  private final Thread thread;
  private volatile int clipsHeard;
  private volatile boolean voiceHeard;

  private EmbeddedWarmup(Path runDir, int maxClips) {
    tasksStarted = false;
    thread = new Thread(() -> run(runDir, maxClips), "empathic-art-warmup");
    thread.setDaemon(true);
  }

  /**
   * Starts warming in the background when the job is embedded and the model a local folder;
   * else returns null (nothing to do).
   *
   * @param master the master the session will run on
   */
  static EmbeddedWarmup startIfEmbedded(String master, String model, int maxClips) {
    if (!isEmbedded(master) || "off".equals(System.getenv("EMPATHIC_ART_SPARK_WARMUP"))) {
      return null;
    }
    Path dir = localFolder(model);
    if (dir == null) {
      return null;
    }
    EmbeddedWarmup w = new EmbeddedWarmup(dir, maxClips);
    w.thread.start();
    return w;
  }

  /** Whether tasks run in this JVM: {@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]}. */
  static boolean isEmbedded(String master) {
    return master != null && (master.equals("local") || master.startsWith("local["));
  }

  /** The model as a local folder, or null when it is on another file system or not a folder. */
  static Path localFolder(String model) {
    String p = model;
    if (p.startsWith("file:")) {
      p = java.net.URI.create(p.replace(" ", "%20")).getPath();
    } else if (p.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return null;
    }
    Path dir = Path.of(p);
    return Files.isDirectory(dir) ? dir : null;
  }

  /** Called by each task as it starts: the warm-up leaves the cores to the tasks. */
  static void taskStarted() {
    tasksStarted = true;
  }

  private void run(Path runDir, int maxClips) {
    try (EmotionRecognizer r = EmotionRecognizer.load(runDir)) {
      byte[] wav = WavWriter.pcm16().toBytes(voicedClip(16000, 3.5, 42));
      for (int i = 0; i < maxClips && !tasksStarted; i++) {
        // The task's path: bytes decoded as a file's, then heard as predict hears a clip.
        Audio audio = WavReader.decode(wav, "warm-up.wav");
        ClipAnalysis a = ClipAnalysis.analyze(r, "warm-up.wav", audio, ClipAnalysis.Windowing.NONE);
        voiceHeard = a.prediction().voiceHeard();
        clipsHeard = i + 1;
      }
    } catch (Exception | LinkageError e) {
      // Only a warm-up: the command opens the model itself and reports what is wrong with it.
    }
  }

  /** Synthetic clips heard so far. */
  int clipsHeard() {
    return clipsHeard;
  }

  /** Whether the last warm-up clip was heard as voice (so the features and the network ran too). */
  boolean voiceHeard() {
    return voiceHeard;
  }

  /** Waits for the warm-up to end by itself (its clip budget, a task start or a failure). */
  void join() throws InterruptedException {
    thread.join();
  }

  /** Stops the warm-up (if still running) and waits for it. */
  @Override
  public void close() throws InterruptedException {
    taskStarted();
    thread.join();
  }

  /**
   * A speech-like test signal: syllables of a harmonic tone (pitch gliding, as an intonation
   * does) separated by quiet pauses, over faint noise, so the voice check hears voice and the
   * whole path (features and network) runs.
   */
  static Audio voicedClip(int sampleRate, double seconds, long seed) {
    Random noise = new Random(seed);
    int n = (int) Math.round(seconds * sampleRate);
    float[] x = new float[n];
    double phase = 0;
    double syllable = 0.3 * sampleRate;
    for (int t = 0; t < n; t++) {
      double inSyllable = (t % (int) syllable) / syllable;
      double envelope = inSyllable < 0.7 ? Math.sin(Math.PI * inSyllable / 0.7) : 0;
      double f0 = 150 + 40 * Math.sin(2 * Math.PI * t / (double) n) + 20 * inSyllable;
      phase += 2 * Math.PI * f0 / sampleRate;
      double s = 0;
      for (int h = 1; h <= 6; h++) {
        s += Math.sin(h * phase) / h;
      }
      x[t] = (float) (0.3 * envelope * s / 2 + 0.002 * noise.nextGaussian());
    }
    return new Audio(x, sampleRate);
  }
}
