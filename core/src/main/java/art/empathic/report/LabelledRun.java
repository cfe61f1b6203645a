package art.empathic.report;

import art.empathic.corpus.Protocol;
import art.empathic.run.RunDirectory;

/** A loaded run and the protocol it is reported under. */
public record LabelledRun(RunDirectory run, Protocol protocol) {
  /** The run under the protocol its metrics.json records. */
  public static LabelledRun asRecorded(RunDirectory run) {
    return new LabelledRun(run, run.protocol());
  }
}
