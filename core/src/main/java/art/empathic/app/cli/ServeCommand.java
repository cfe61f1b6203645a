package art.empathic.app.cli;

import art.empathic.app.server.EmotionServer;
import art.empathic.app.server.ServerLimits;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import art.empathic.recognize.EmotionRecognizer;
import art.empathic.recognize.Recognizers;
import java.util.Optional;

/** {@code serve}: the web page, the prediction API and live audio over one recognizer. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {
      "Serve the web page, the prediction API and live audio over one model (on 127.0.0.1 by default).",
      "Endpoints: GET / (the page), POST /api/predict, GET /api/health, GET /api/metrics, GET /api/model, WebSocket /api/live.",
      "Uploads wait while they can be answered within --timeout; beyond that they get 429 with Retry-After (docs/API.md).",
      "Listens on 127.0.0.1 unless --host says otherwise. Stop with Ctrl-C."
    })
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "TCP port (0: any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "Address to bind. Default: ${DEFAULT-VALUE} (this machine only); anything else exposes the server to the network.")
  String host;

  @Option(names = "--model", paramLabel = "RUNDIR", description = "Run directory of the model to serve (default: the "
      + "default model; with none yet but data found, the release model is trained first).")
  Path model;

  @Option(names = "--max-upload-mb", paramLabel = "MB", defaultValue = "20", description = "Largest upload in MiB. Default: ${DEFAULT-VALUE}.")
  int maxUploadMb;

  @Option(names = "--max-seconds", paramLabel = "S", defaultValue = "60", description = "Longest clip in seconds. Default: ${DEFAULT-VALUE}.")
  double maxSeconds;

  @Option(names = "--timeout", paramLabel = "S", defaultValue = "30", description = "Request timeout in seconds. Default: ${DEFAULT-VALUE}.")
  int timeoutSeconds;

  @Option(names = "--workers", paramLabel = "N", description = "Predictions at once (default: one per core).")
  Integer workers;

  @Option(names = "--max-queue", paramLabel = "N", defaultValue = "1000",
      description = "Most uploads that may wait for a worker; below it, an upload waits while it can be answered within "
          + "--timeout, else it gets 429 with Retry-After. Default: ${DEFAULT-VALUE}.")
  int maxQueue;

  @Option(names = "--idle-timeout", paramLabel = "S", defaultValue = "30",
      description = "Seconds an HTTP connection may send nothing (idle, or stalled headers/body) before it is closed. Default: ${DEFAULT-VALUE}.")
  int idleTimeoutSeconds;

  @Option(names = "--refusal-pause", defaultValue = "1", paramLabel = "S",
      description = "Seconds after its arrival a refused upload gets its 429 (0: at once); clients that retry at once "
          + "then cannot spin on the server's cores. Default: ${DEFAULT-VALUE}.")
  double refusalPauseSeconds;

  private final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ServerLimits limits = ServerLimits.defaults()
        .withMaxUploadBytes((long) maxUploadMb << 20)
        .withMaxAudioSeconds(maxSeconds)
        .withRequestTimeout(Duration.ofSeconds(timeoutSeconds))
        .withQueue(maxQueue)
        .withIdleTimeout(Duration.ofSeconds(idleTimeoutSeconds))
        .withRefusalPause(Duration.ofNanos(Math.round(refusalPauseSeconds * 1e9)));
    if (workers != null) {
      limits = limits.withWorkers(workers);
    }
    exposureWarning(host).ifPresent(err::println);
    err.flush();
    Path modelDir = model;
    if (modelDir == null) {
      java.util.Optional<Path> ensured = ReleaseModel.ensure(out, err, true);
      if (ensured.isEmpty()) {
        return CliErrors.EXIT_BAD_INPUT;
      }
      modelDir = ensured.get();
    }
    Thread hook = new Thread(stop::countDown, "serve-stop");
    try (EmotionRecognizer recognizer = Recognizers.open(modelDir);
         EmotionServer server = new EmotionServer(recognizer, limits).start(host, port)) {
      out.printf("Empathic Art is listening on http://%s:%d/  (model: %s; Ctrl-C to stop)%n",
          host.contains(":") ? "[" + host + "]" : host, server.port(), recognizer.info().name());
      out.flush();
      Runtime.getRuntime().addShutdownHook(hook);
      stop.await();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException | IllegalArgumentException e) {
        // shutting down already, or never added
      }
    }
    return 0;
  }

  /** Stops the server (Ctrl-C does this through a shutdown hook; tests call it directly). */
  void stop() {
    stop.countDown();
  }

  /** The warning to print when {@code host} is not a loopback address; empty for loopback. */
  static Optional<String> exposureWarning(String host) {
    boolean loopback;
    try {
      loopback = InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--host " + host + ": unknown host");
    }
    return loopback ? Optional.empty() : Optional.of("empathic-art: warning: listening on " + host
        + ", not loopback: anyone who can reach this machine can use the server. Use --host 127.0.0.1 to keep it local.");
  }
}
