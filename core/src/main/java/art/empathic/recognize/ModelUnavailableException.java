package art.empathic.recognize;

import java.io.IOException;

/**
 * There is no usable model where one was asked for. The message is one line that names the run
 * directory (if any) and says what to do, e.g. how to train a model.
 */
public final class ModelUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is missing and what to do, one line
   */
  public ModelUnavailableException(String message) {
    super(message);
  }

  /**
   * @param message what is missing and what to do, one line
   * @param cause the underlying error
   */
  public ModelUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
