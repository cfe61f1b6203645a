package art.empathic.recognize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import art.empathic.io.Json;
import art.empathic.run.FusionSpec;
import art.empathic.run.Predictions;
import art.empathic.run.RunEvaluation;
import art.empathic.run.RunFiles;
import art.empathic.run.RunMetrics;
import art.empathic.run.RunSpec;
import art.empathic.run.SplitInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Late fusion of finished runs, on hand-made member runs with known probabilities. */
class FusionTest {
  private static final List<String> CLASSES = List.of("Angry", "Calm");
  private static final SplitInfo SPLIT = new SplitInfo("random", 42L, null, List.of(), true, 8, 0, 2);

  @TempDir Path tmp;

  /** A finished member run: spec, predictions of two clips (Angry, Calm), metrics. */
  private Path member(String name, List<String> classes, float[][] probs) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    RunSpec spec = new RunSpec("mlp", name, null, "mfcc-stats", classes, null, 42L);
    Files.write(dir.resolve(RunSpec.FILE), Json.SNAKE_CASE.writeValueAsBytes(spec));
    Predictions.write(dir, List.of("a.wav", "b.wav"), List.of(classes.get(0), classes.get(1)), probs, classes);
    RunEvaluation.writeMetrics(dir, SPLIT, 10, 2.5);
    return dir;
  }

  @Test
  void averagesMemberProbabilitiesWithNormalisedWeights() throws IOException {
    Path a = member("A", CLASSES, new float[][] {{0.8f, 0.2f}, {0.4f, 0.6f}});
    Path b = member("B", CLASSES, new float[][] {{0.2f, 0.8f}, {0.2f, 0.8f}});
    Path out = tmp.resolve("fused");

    RunMetrics m = Fusion.fuse(List.of(a, b), List.of(3.0, 1.0), out, null);

    Predictions p = Predictions.read(out.resolve(Predictions.FILE), CLASSES);
    assertThat(p.probabilities()[0][0]).isCloseTo(0.75 * 0.8 + 0.25 * 0.2, within(1e-6));
    assertThat(p.probabilities()[1][1]).isCloseTo(0.75 * 0.6 + 0.25 * 0.8, within(1e-6));
    assertThat(p.yPred()).containsExactly(0, 1);
    assertThat(m.accuracy()).isEqualTo(1.0);
    assertThat(m.trainingSeconds()).isEqualTo(5.0);

    FusionSpec fusion = Json.read(out.resolve(RunFiles.FUSION), FusionSpec.class);
    assertThat(fusion.members()).extracting(FusionSpec.Member::weight).containsExactly(0.75, 0.25);
    assertThat(fusion.members()).extracting(FusionSpec.Member::run).containsExactly("../A", "../B");
    assertThat(Fusion.read(out)).extracting(Fusion.Member::run).containsExactly(a.normalize(), b.normalize());
    assertThat(Fusion.isFused(out)).isTrue();
    assertThat(Fusion.isFused(a)).isFalse();

    RunSpec spec = RunSpec.read(out);
    assertThat(spec.model()).isEqualTo("fusion");
    assertThat(spec.displayName()).isEqualTo("Fusion: A x 0.75 + B x 0.25");
    assertThat(spec.classes()).isEqualTo(CLASSES);
    assertThat(spec.seed()).isEqualTo(42L);
    assertThat(spec.hyperparameter("members")).contains(2.0);
    JsonNode raw = Json.MAPPER.readTree(out.resolve(RunSpec.FILE).toFile());
    assertThat(raw.path("feature").path("members").get(0).path("display_name").asText()).isEqualTo("A");
  }

  @Test
  void refusesMembersOfDifferentClassesAndBadWeights() throws IOException {
    Path a = member("A", CLASSES, new float[][] {{0.8f, 0.2f}, {0.4f, 0.6f}});
    Path c = member("C", List.of("Angry", "Sad"), new float[][] {{0.8f, 0.2f}, {0.4f, 0.6f}});
    assertThatThrownBy(() -> Fusion.fuse(List.of(a, c), null, tmp.resolve("x"), null))
        .hasMessageContaining("classes or test clips differ");
    assertThatThrownBy(() -> Fusion.fuse(List.of(a, a), List.of(1.0), tmp.resolve("y"), null))
        .hasMessageContaining("one non-negative weight per run");
    assertThatThrownBy(() -> Fusion.fuse(List.of(a), null, tmp.resolve("z"), null))
        .hasMessageContaining("at least two runs");
  }
}
