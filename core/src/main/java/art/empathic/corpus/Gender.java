package art.empathic.corpus;
import java.util.Locale;

/** A speaker's gender as the corpus documents it; {@link #UNKNOWN} when the corpus does not say. */
public enum Gender {
  MALE,
  FEMALE,
  UNKNOWN;

  /** Lower-case name used in reports and JSON ("male", "female", "unknown"). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
