package art.empathic.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares every metric and the report text with scikit-learn 1.2, on the cases
 * {@code src/test/python/make_eval_fixtures.py} wrote (random, imbalanced, a class never
 * predicted, a class absent from the truth, saturated probabilities, ties, cross-corpus).
 */
class SklearnReferenceTest {
  private static final double TOL = 1e-12;

  static Stream<Named<JsonNode>> cases() throws IOException {
    try (InputStream in = SklearnReferenceTest.class.getResourceAsStream("/eval/sklearn_metrics_cases.json")) {
      JsonNode doc = new ObjectMapper().readTree(in);
      assertThat(doc.get("sklearn_version").asText()).startsWith("1.2");
      List<JsonNode> list = new ArrayList<>();
      doc.get("cases").forEach(list::add);
      assertThat(list).hasSizeGreaterThanOrEqualTo(8);
      return list.stream().map(c -> Named.of(c.get("name").asText(), c));
    }
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("cases")
  void metricsEqualScikitLearn(JsonNode c) {
    ClassificationMetrics m = metricsOf(c);
    JsonNode e = c.get("expected");
    List<String> evaluated = m.evaluatedClasses();
    assertThat(m.confusionMatrix()).isDeepEqualTo(intMatrix(e.get("confusion_matrix")));
    assertThat(m.accuracy()).isCloseTo(e.get("accuracy").asDouble(), within(TOL));
    for (int j = 0; j < evaluated.size(); j++) {
      PerClassMetrics pc = m.perClass().get(evaluated.get(j));
      assertThat(pc.precision()).as("precision %s", evaluated.get(j)).isCloseTo(e.get("precision").get(j).asDouble(), within(TOL));
      assertThat(pc.recall()).as("recall %s", evaluated.get(j)).isCloseTo(e.get("recall").get(j).asDouble(), within(TOL));
      assertThat(pc.f1()).as("f1 %s", evaluated.get(j)).isCloseTo(e.get("f1").get(j).asDouble(), within(TOL));
      assertThat(pc.support()).isEqualTo(e.get("support").get(j).asLong());
    }
    assertThat(m.precisionMacro()).isCloseTo(e.get("precision_macro").asDouble(), within(TOL));
    assertThat(m.recallMacro()).isCloseTo(e.get("recall_macro").asDouble(), within(TOL));
    assertThat(m.f1Macro()).isCloseTo(e.get("f1_macro").asDouble(), within(TOL));
    assertThat(m.precisionWeighted()).isCloseTo(e.get("precision_weighted").asDouble(), within(TOL));
    assertThat(m.recallWeighted()).isCloseTo(e.get("recall_weighted").asDouble(), within(TOL));
    assertThat(m.f1Weighted()).isCloseTo(e.get("f1_weighted").asDouble(), within(TOL));
    assertThat(m.precisionMicro()).isCloseTo(e.get("precision_micro").asDouble(), within(TOL));
    assertThat(m.recallMicro()).isCloseTo(e.get("recall_micro").asDouble(), within(TOL));
    assertThat(m.f1Micro()).isCloseTo(e.get("f1_micro").asDouble(), within(TOL));
    assertThat(m.uar()).isCloseTo(e.get("balanced_accuracy").asDouble(), within(TOL));
    if (e.has("log_loss")) {
      assertThat(m.loss()).isCloseTo(e.get("log_loss").asDouble(), within(TOL));
    }
    boolean precisionNote = m.notes().stream().anyMatch(n -> n.startsWith("Precision"));
    boolean recallNote = m.notes().stream().anyMatch(n -> n.startsWith("Recall"));
    assertThat(precisionNote).as("note iff scikit-learn warns about precision")
        .isEqualTo(e.get("precision_ill_defined").asBoolean());
    assertThat(recallNote).as("note iff scikit-learn warns about recall")
        .isEqualTo(e.get("recall_ill_defined").asBoolean());
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("cases")
  void reportTextEqualsScikitLearnByteForByte(JsonNode c) {
    ClassificationMetrics m = metricsOf(c);
    for (JsonNode r : c.get("reports")) {
      List<String> names = new ArrayList<>();
      r.get("target_names").forEach(n -> names.add(n.asText()));
      assertThat(ClassificationReport.format(m, names, r.get("digits").asInt()))
          .as("report with names %s, digits %s", names, r.get("digits"))
          .isEqualTo(r.get("text").asText());
    }
  }

  /** Cross-corpus cases start from the raw corpus labels; the others from label indices. */
  private static ClassificationMetrics metricsOf(JsonNode c) {
    List<String> classes = strings(c.get("classes"));
    if (c.has("cross_corpus")) {
      JsonNode x = c.get("cross_corpus");
      CrossCorpusMetrics cc = CrossCorpusMetrics.compute(classes, strings(x.get("corpus_classes")),
          strings(x.get("true_names")), ints(x.get("y_pred")), doubleMatrix(x.get("proba")));
      assertThat(cc.droppedClips().values().stream().mapToInt(Integer::intValue).sum())
          .isEqualTo(x.get("dropped").asInt());
      return cc.metrics();
    }
    List<String> evaluated = new ArrayList<>();
    c.get("labels").forEach(l -> evaluated.add(classes.get(l.asInt())));
    return ClassificationMetrics.compute(classes, evaluated, ints(c.get("y_true")), ints(c.get("y_pred")),
        c.get("proba").isNull() ? null : doubleMatrix(c.get("proba")));
  }

  private static List<String> strings(JsonNode a) {
    List<String> out = new ArrayList<>();
    a.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static int[] ints(JsonNode a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asInt();
    }
    return out;
  }

  private static int[][] intMatrix(JsonNode a) {
    int[][] out = new int[a.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = ints(a.get(i));
    }
    return out;
  }

  private static double[][] doubleMatrix(JsonNode a) {
    double[][] out = new double[a.size()][];
    for (int i = 0; i < out.length; i++) {
      JsonNode row = a.get(i);
      out[i] = new double[row.size()];
      for (int j = 0; j < row.size(); j++) {
        out[i][j] = row.get(j).asDouble();
      }
    }
    return out;
  }
}
