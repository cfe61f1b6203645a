package art.empathic;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Packages follow the data flow; lower ones never reach up, and the audio side has no DJL. */
@AnalyzeClasses(packages = "art.empathic", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String[] ORDER = {"audio", "features", "corpus", "model", "train", "eval", "app"};

  private static String[] above(String pkg) {
    int i = java.util.Arrays.asList(ORDER).indexOf(pkg);
    return java.util.Arrays.stream(ORDER, i + 1, ORDER.length)
        .map(p -> "art.empathic." + p + "..").toArray(String[]::new);
  }

  @ArchTest static final ArchRule audioDoesNotReachUp =
      noClasses().that().resideInAPackage("art.empathic.audio..").should().dependOnClassesThat().resideInAnyPackage(above("audio")).allowEmptyShould(true);
  @ArchTest static final ArchRule featuresDoNotReachUp =
      noClasses().that().resideInAPackage("art.empathic.features..").should().dependOnClassesThat().resideInAnyPackage(above("features")).allowEmptyShould(true);
  @ArchTest static final ArchRule corpusDoesNotReachUp =
      noClasses().that().resideInAPackage("art.empathic.corpus..").should().dependOnClassesThat().resideInAnyPackage(above("corpus")).allowEmptyShould(true);
  @ArchTest static final ArchRule modelDoesNotReachUp =
      noClasses().that().resideInAPackage("art.empathic.model..").should().dependOnClassesThat().resideInAnyPackage(above("model")).allowEmptyShould(true);
  @ArchTest static final ArchRule trainDoesNotReachUp =
      noClasses().that().resideInAPackage("art.empathic.train..").should().dependOnClassesThat().resideInAnyPackage(above("train")).allowEmptyShould(true);
  @ArchTest static final ArchRule evalDoesNotReachUp =
      noClasses().that().resideInAPackage("art.empathic.eval..").should().dependOnClassesThat().resideInAnyPackage(above("eval")).allowEmptyShould(true);

  /** art.empathic.io serves every package, so it depends on none of them. */
  @ArchTest static final ArchRule ioDependsOnNothingOfOurs =
      noClasses().that().resideInAPackage("art.empathic.io..").should().dependOnClassesThat()
          .resideInAnyPackage(java.util.Arrays.stream(ORDER).map(p -> "art.empathic." + p + "..").toArray(String[]::new));

  @ArchTest static final ArchRule audioSideHasNoDeepLearning =
      noClasses().that().resideInAnyPackage("art.empathic.audio..", "art.empathic.features..", "art.empathic.corpus..")
          .should().dependOnClassesThat().resideInAPackage("ai.djl..").allowEmptyShould(true);
}
