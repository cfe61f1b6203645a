package art.empathic.train;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.corpus.CorpusKind;
import art.empathic.corpus.NeutralPolicy;
import art.empathic.corpus.SplitSpec;
import art.empathic.io.Json;
import art.empathic.model.ModelFamily;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** spec.json's corpus_kind: typed in the record, the CLI name in the file, as files always had it. */
class ModelSpecCorpusKindTest {

  private static ModelSpec spec(CorpusKind kind) {
    return ModelSpecs.defaults(ModelFamily.MLP, 1, null, null,
        new ModelSpecs.Data(List.of(Path.of("data")), kind, NeutralPolicy.DROP, SplitSpec.random(0.2, 1)));
  }

  @Test
  void writtenAsTheCliNameAndReadBackTyped() throws Exception {
    ModelSpec s = spec(CorpusKind.CREMA_D);
    assertThat(s.corpusKind()).isEqualTo(CorpusKind.CREMA_D);
    ObjectNode json = (ObjectNode) Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(s));
    assertThat(json.get("corpus_kind").asText()).isEqualTo("crema-d");
    assertThat(Json.MAPPER.treeToValue(json, ModelSpec.class).corpusKind()).isEqualTo(CorpusKind.CREMA_D);
    // Auto-detection stays null in the file.
    ObjectNode auto = (ObjectNode) Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(spec(null)));
    assertThat(auto.get("corpus_kind").isNull()).isTrue();
    assertThat(Json.MAPPER.treeToValue(auto, ModelSpec.class).corpusKind()).isNull();
  }

  @Test
  void learnedStateIsSetApartFromTheConfigurationAndTheBuilderChangesOnlyWhatItNames() throws Exception {
    ModelSpec config = spec(CorpusKind.RAVDESS);
    assertThat(config.learned()).isEqualTo(new ModelSpec.Learned(List.of(), null));
    ModelSpec trained = config.withLearned(new ModelSpec.Learned(List.of("angry", "sad"), null));
    assertThat(trained.classes()).containsExactly("angry", "sad");
    assertThat(trained.toBuilder().build()).isEqualTo(trained);
    ModelSpec other = trained.toBuilder().ensemble(3).build();
    assertThat(other.ensemble()).isEqualTo(3);
    assertThat(other.toBuilder().ensemble(trained.ensemble()).build()).isEqualTo(trained);
    // The learned part is not a new JSON field: spec.json keeps its keys.
    ObjectNode json = (ObjectNode) Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(trained));
    assertThat(json.has("learned")).isFalse();
    assertThat(json.get("classes").size()).isEqualTo(2);
  }
}
