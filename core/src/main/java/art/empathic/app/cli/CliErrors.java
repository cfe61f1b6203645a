package art.empathic.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns an exception out of a command into one clear line on standard error and exit code 2.
 * A stack trace is printed only when {@code EMPATHIC_ART_DEBUG} is set, so users see the
 * problem, not the program's insides.
 */
public final class CliErrors implements IExecutionExceptionHandler {
  static final int EXIT_BAD_INPUT = 2;

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
    cl.getErr().println("empathic-art: error: " + describe(ex));
    if (System.getenv("EMPATHIC_ART_DEBUG") != null) {
      ex.printStackTrace(cl.getErr());
    }
    cl.getErr().flush();
    return EXIT_BAD_INPUT;
  }

  /** The one-line message a command prints for this error (the file and the problem, no stack trace). */
  public static String describe(Throwable ex) {
    Throwable t = ex;
    // Unwrap wrappers that add no information of their own.
    while ((t instanceof java.io.UncheckedIOException
            || t instanceof ExecutionException
            || t instanceof CompletionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    String msg = t.getMessage();
    if (msg == null || msg.isBlank()) {
      msg = t.getClass().getSimpleName();
    } else if (t instanceof java.nio.file.NoSuchFileException) {
      msg = msg + ": no such file";
    } else if (t instanceof java.nio.file.AccessDeniedException) {
      msg = msg + ": permission denied";
    } else if (!(t instanceof IllegalArgumentException || t instanceof IllegalStateException
        || t.getClass().getName().startsWith("art.empathic"))) {
      msg = t.getClass().getSimpleName() + ": " + msg;
    }
    return msg.replace('\n', ' ');
  }
}
