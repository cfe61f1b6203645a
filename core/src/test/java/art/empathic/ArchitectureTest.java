package art.empathic;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/** Packages follow the data flow; lower ones never reach up, and the audio side has no DJL. */
@AnalyzeClasses(packages = "art.empathic", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  /**
   * The layers, lowest first. {@code features.dsp} (MFCC arithmetic) sits below {@code corpus};
   * {@code features} itself (specs, pipeline, cache) reads clips of a corpus, so it sits above.
   */
  private static final List<String> ORDER = List.of(
      "art.empathic.audio..", "art.empathic.features.dsp..", "art.empathic.corpus..", "art.empathic.features",
      "art.empathic.model..", "art.empathic.eval..", "art.empathic.run..", "art.empathic.report..",
      "art.empathic.train..", "art.empathic.recognize..", "art.empathic.adapt..", "art.empathic.app..");

  private static ArchRule layer(String pkg) {
    int i = ORDER.indexOf(pkg);
    return noClasses().that().resideInAPackage(pkg).should().dependOnClassesThat()
        .resideInAnyPackage(ORDER.subList(i + 1, ORDER.size()).toArray(String[]::new)).allowEmptyShould(true);
  }

  @ArchTest static final ArchRule audioDoesNotReachUp = layer("art.empathic.audio..");
  @ArchTest static final ArchRule dspDoesNotReachUp = layer("art.empathic.features.dsp..");
  @ArchTest static final ArchRule corpusDoesNotReachUp = layer("art.empathic.corpus..");
  @ArchTest static final ArchRule featuresDoNotReachUp = layer("art.empathic.features");
  @ArchTest static final ArchRule modelDoesNotReachUp = layer("art.empathic.model..");
  @ArchTest static final ArchRule evalDoesNotReachUp = layer("art.empathic.eval..");
  @ArchTest static final ArchRule runDoesNotReachUp = layer("art.empathic.run..");
  @ArchTest static final ArchRule reportDoesNotReachUp = layer("art.empathic.report..");
  @ArchTest static final ArchRule trainDoesNotReachUp = layer("art.empathic.train..");
  /** The public recognizer API: what an embedding application (the Spark module) depends on. */
  @ArchTest static final ArchRule recognizeDoesNotReachUp = layer("art.empathic.recognize..");
  @ArchTest static final ArchRule adaptDoesNotReachUp = layer("art.empathic.adapt..");

  /**
   * {@code recognize} is the public API and nothing else: the measurements of it (the adaptation
   * study, {@code adapt}) sit above it, and studies and benchmarks live in the lab module.
   */
  @ArchTest static final ArchRule recognizeHoldsOnlyTheApi =
      noClasses().that().resideInAPackage("art.empathic.recognize..").should().haveSimpleNameContaining("Study")
          .orShould().haveSimpleNameContaining("Bench");

  /**
   * The lab module ({@code lab/}, {@code art.empathic.lab}) is built on the core; the core never
   * imports it (the launcher runs {@code study} and {@code bench} there) nor puts a class in its package.
   */
  @ArchTest static final ArchRule coreImportsNothingOfTheLab =
      noClasses().that().resideInAPackage("art.empathic..").should().dependOnClassesThat()
          .resideInAPackage("art.empathic.lab..");
  @ArchTest static final ArchRule noCoreClassInTheLabsPackage =
      noClasses().should().resideInAPackage("art.empathic.lab..").allowEmptyShould(true);

  /** art.empathic.io serves every package, so it depends on none of them. */
  @ArchTest static final ArchRule ioDependsOnNothingOfOurs =
      noClasses().that().resideInAPackage("art.empathic.io..").should().dependOnClassesThat()
          .resideInAnyPackage(ORDER.toArray(String[]::new));

  @ArchTest static final ArchRule audioSideHasNoDeepLearning =
      noClasses().that().resideInAnyPackage("art.empathic.audio..", "art.empathic.features..", "art.empathic.corpus..")
          .should().dependOnClassesThat().resideInAPackage("ai.djl..").allowEmptyShould(true);

}
