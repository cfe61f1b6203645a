package art.empathic.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSummaryTest {
  private static ModelSummary.Layer layer(String name, String type, long params, Long... shape) {
    return new ModelSummary.Layer(name, type, Arrays.asList(shape), params, true);
  }

  private static final ModelSummary SMALL = new ModelSummary("baseline_cnn", Arrays.asList(null, 128L), List.of(
      layer("dense", "Dense", 33024, null, 256L),
      layer("dropout", "Dropout", 0, null, 256L),
      layer("batch_normalization_12", "BatchNormalization", 1024, null, 256L),
      layer("flatten", "Flatten", 0, (Long) null),
      layer("dense_1", "Dense", 1799, null, 7L)), 35847, 35335, 512);

  @Test
  void layoutIsKerasClassicSummary() {
    // Written by hand from tf.keras 2.x print_summary: 65 columns, fields end at 29 / 55 / 65,
    // a long "name (Type)" is cut to 28 characters, totals with thousands separators.
    String expected = String.join("\n",
        "Model: \"baseline_cnn\"",
        "_________________________________________________________________",
        "Layer (type)                 Output Shape              Param #   ",
        "=================================================================",
        "dense (Dense)                (None, 256)               33024     ",
        "_________________________________________________________________",
        "dropout (Dropout)            (None, 256)               0         ",
        "_________________________________________________________________",
        "batch_normalization_12 (Batc (None, 256)               1024      ",
        "_________________________________________________________________",
        "flatten (Flatten)            (None,)                   0         ",
        "_________________________________________________________________",
        "dense_1 (Dense)              (None, 7)                 1799      ",
        "=================================================================",
        "Total params: 35,847",
        "Trainable params: 35,335",
        "Non-trainable params: 512",
        "_________________________________________________________________",
        "");
    assertThat(SMALL.toKerasText()).isEqualTo(expected);
    assertThat(SMALL.inconsistency()).isNull();
  }

  @Test
  void largeCountsGetThousandsSeparators() {
    assertThat(ModelSummary.thousands(1234567)).isEqualTo("1,234,567");
    assertThat(ModelSummary.thousands(999)).isEqualTo("999");
    assertThat(ModelSummary.pythonTuple(Arrays.asList(null, 298, 64))).isEqualTo("(None, 298, 64)");
    assertThat(ModelSummary.pythonTuple(null)).isEqualTo("multiple");
  }

  @Test
  void totalsThatDoNotAddUpAreReported() {
    ModelSummary bad = new ModelSummary("m", null, SMALL.layers(), 40000, 35335, 512);
    assertThat(bad.inconsistency()).contains("35,847").contains("40,000");
  }
}
