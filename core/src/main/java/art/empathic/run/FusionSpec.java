package art.empathic.run;

import java.util.List;

/**
 * {@code fusion.json} of a fused run: the member runs and their weights. It is also the
 * {@code feature} object of the fused run's {@code spec.json}.
 *
 * @param members the member runs, weights normalised to sum to 1
 */
public record FusionSpec(List<Member> members) {

  public FusionSpec {
    members = members == null ? List.of() : List.copyOf(members);
  }

  /**
   * One member run.
   *
   * @param run the member's run directory, relative to the fused run's directory when possible
   * @param weight its share of the averaged probabilities
   * @param displayName the member's configuration name, for reports
   * @param accuracy the member's own test accuracy
   */
  public record Member(String run, double weight, String displayName, double accuracy) {}

  /** The flat hyper-parameters a fused run's {@code spec.json} records for reports. */
  public record Hyperparameters(int members, int epochs) {}
}
