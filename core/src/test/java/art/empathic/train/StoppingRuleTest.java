package art.empathic.train;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.run.EpochStats;
import org.junit.jupiter.api.Test;

/** The stopping rules alone, on hand-made epochs (no network). */
class StoppingRuleTest {

  private static EpochStats epoch(int n, double trainLoss, Double valLoss) {
    return new EpochStats(n, trainLoss, 0.5, valLoss, valLoss == null ? null : 0.5, 0.1, 1e-3);
  }

  @Test
  void patienceStopsAfterThatManyEpochsWithoutABetterValidationLoss() {
    StoppingRule rule = new StoppingRule.ValidationPatience(2);
    Fitter.Progress p = Fitter.Progress.start();
    double[] val = {1.0, 0.8, 0.9, 0.85};
    String reason = null;
    int stoppedAt = 0;
    for (int e = 1; e <= val.length && reason == null; e++) {
      p = rule.update(p, epoch(e, 1, val[e - 1]));
      reason = rule.stopReason(p);
      stoppedAt = e;
    }
    assertThat(stoppedAt).isEqualTo(4);
    assertThat(reason).isEqualTo("early stop: validation loss did not improve for 2 epochs");
    assertThat(p.stopping().bestEpoch()).isEqualTo(2);
    assertThat(p.stopping().bestValLoss()).isEqualTo(0.8);
    // Without a patience the best epoch is still tracked, but the rule never stops.
    StoppingRule never = new StoppingRule.ValidationPatience(0);
    Fitter.Progress q = Fitter.Progress.start();
    for (int e = 1; e <= 10; e++) {
      q = never.update(q, epoch(e, 1, 2.0 + e));
      assertThat(never.stopReason(q)).isNull();
    }
    assertThat(q.stopping().bestEpoch()).isEqualTo(1);
    // No validation part: nothing recorded.
    assertThat(rule.update(Fitter.Progress.start(), epoch(1, 1, null))).isEqualTo(Fitter.Progress.start());
  }

  @Test
  void sklearnRuleStopsWhenTheTrainingLossStallsForMoreThanNIterNoChange() {
    StoppingRule rule = new StoppingRule.SklearnNoImprovement(true, 1e-4, 2);
    StoppingRule off = new StoppingRule.SklearnNoImprovement(false, 1e-4, 2);
    Fitter.Progress p = Fitter.Progress.start();
    double[] loss = {1.0, 0.5, 0.49995, 0.49995, 0.5};
    int stoppedAt = 0;
    for (int e = 1; e <= loss.length; e++) {
      p = rule.update(p, epoch(e, loss[e - 1], null));
      assertThat(off.stopReason(p)).isNull();
      if (rule.stopReason(p) != null) {
        stoppedAt = e;
        break;
      }
    }
    // Epochs 3, 4 and 5 improve by less than tol: the count reaches 3 > 2 at epoch 5.
    assertThat(stoppedAt).isEqualTo(5);
    assertThat(rule.stopReason(p)).contains("scikit-learn's rule").contains("2 consecutive epochs");
  }

  @Test
  void theSettingsListPatienceFirst() {
    TrainSettings s = TrainSettings.sklearnMlp(1).withPatience(3);
    assertThat(StoppingRule.of(s)).hasSize(2).first().isEqualTo(new StoppingRule.ValidationPatience(3));
  }

  @Test
  void checkpointProgressKeepsItsFlatJsonForm() throws Exception {
    Fitter.Progress p = Fitter.Progress.start().addBatch(2.5, 3, 4, 0.5)
        .withStopping(Fitter.Progress.StoppingState.START.improvedValidation(1, 0.7).sklearnStep(0.9, 1e-4));
    com.fasterxml.jackson.databind.JsonNode json = art.empathic.io.Json.MAPPER.readTree(
        art.empathic.io.Json.COMPACT.writeValueAsBytes(p));
    java.util.List<String> keys = new java.util.ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactlyInAnyOrder("epoch", "nextBatch", "lossSum", "correct", "seen", "epochSeconds",
        "trainingSeconds", "steps", "history", "bestEpoch", "bestValLoss", "epochsWithoutImprovement",
        "sklearnBestLoss", "sklearnNoImprovement", "finished");
    assertThat(json.get("lossSum").asDouble()).isEqualTo(2.5);
    assertThat(json.get("bestEpoch").asInt()).isEqualTo(1);
    assertThat(art.empathic.io.Json.MAPPER.treeToValue(json, Fitter.Progress.class)).isEqualTo(p);
    // A fresh run's infinite best losses survive the round trip.
    assertThat(art.empathic.io.Json.MAPPER.readValue(art.empathic.io.Json.COMPACT.writeValueAsBytes(Fitter.Progress.start()),
        Fitter.Progress.class)).isEqualTo(Fitter.Progress.start());
  }
}
