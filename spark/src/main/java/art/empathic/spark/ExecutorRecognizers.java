package art.empathic.spark;

import art.empathic.recognize.EmotionRecognizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One recognizer per model per JVM: every task on an executor (and, embedded, the driver) shares
 * it, instead of loading the model for each task or partition. Keyed by the model's path and
 * checksum; closed when the JVM exits. The recognizer is thread-safe (a pool of network copies,
 * one per core, so each task slot has its own).
 */
final class ExecutorRecognizers {
  private static final Map<String, EmotionRecognizer> OPEN = new LinkedHashMap<>();
  private static boolean hookInstalled;

  private ExecutorRecognizers() {}

  /** A recognizer from the cache and whether this call loaded it. */
  record Lease(EmotionRecognizer recognizer, boolean loaded) {}

  /** The JVM's recognizer for a model, loading it (once) on first use. */
  static synchronized Lease get(ModelShipment model) throws IOException {
    EmotionRecognizer open = OPEN.get(model.key());
    if (open != null) {
      return new Lease(open, false);
    }
    configureRuntime();
    EmotionRecognizer loaded = EmotionRecognizer.load(model.localDirectory());
    OPEN.put(model.key(), loaded);
    if (!hookInstalled) {
      Runtime.getRuntime().addShutdownHook(new Thread(ExecutorRecognizers::closeAll, "empathic-art-recognizers-close"));
      hookInstalled = true;
    }
    return new Lease(loaded, true);
  }

  /** Closes every cached recognizer (at JVM exit; tests may call it). */
  static synchronized void closeAll() {
    List<EmotionRecognizer> all = new ArrayList<>(OPEN.values());
    OPEN.clear();
    for (EmotionRecognizer r : all) {
      try {
        r.close();
      } catch (RuntimeException e) {
        // closing at exit: nothing left to tell
      }
    }
  }

  /**
   * Settings the launcher passes on the command line, for executors started by a cluster
   * manager: DJL offline (PyTorch's native library from the bundled pytorch-native-cpu jar), one
   * intra-op and one inter-op thread per task (task slots are the cores), and an executor-local
   * DJL cache directory. Explicit settings win.
   */
  static void configureRuntime() {
    setIfAbsent("ai.djl.offline", "true");
    setIfAbsent("ai.djl.pytorch.num_threads", "1");
    setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    if (System.getenv("DJL_CACHE_DIR") == null) {
      setIfAbsent("DJL_CACHE_DIR", java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
          "empathic-art-djl-" + System.getProperty("user.name", "user")).toString());
    }
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
