package art.empathic.train;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One epoch of training: losses and accuracies (validation ones null without validation). */
public record EpochStats(
    int epoch,
    @JsonProperty("train_loss") double trainLoss,
    @JsonProperty("train_accuracy") double trainAccuracy,
    @JsonProperty("val_loss") Double valLoss,
    @JsonProperty("val_accuracy") Double valAccuracy,
    double seconds,
    double lr) {}
