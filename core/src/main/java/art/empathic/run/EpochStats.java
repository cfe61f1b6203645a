package art.empathic.run;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One epoch of training, as the trainer reports it to listeners and as {@code history.json}
 * stores it: losses and accuracies (validation ones null without a validation part).
 *
 * @param seconds wall time of the epoch
 * @param lr learning rate at the end of the epoch
 */
public record EpochStats(
    int epoch,
    @JsonProperty("train_loss") double trainLoss,
    @JsonProperty("train_accuracy") double trainAccuracy,
    @JsonProperty("val_loss") Double valLoss,
    @JsonProperty("val_accuracy") Double valAccuracy,
    double seconds,
    double lr) {}
