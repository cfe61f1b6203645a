package art.empathic.lab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The lab sits on the core and the core never reaches into it. Analysed here with the core's jar
 * on the classpath, so the rule also holds for the core as the lab is built against it.
 */
@AnalyzeClasses(packages = "art.empathic", importOptions = ImportOption.DoNotIncludeTests.class)
class LabArchitectureTest {
  @ArchTest static final ArchRule coreDoesNotDependOnTheLab =
      noClasses().that().resideOutsideOfPackage("art.empathic.lab..").should().dependOnClassesThat()
          .resideInAPackage("art.empathic.lab..");

  /** Studies and benchmarks are separate harnesses: neither uses the other. */
  @ArchTest static final ArchRule studiesDoNotUseBenchmarks =
      noClasses().that().resideInAPackage("art.empathic.lab.study..").should().dependOnClassesThat()
          .resideInAPackage("art.empathic.lab.bench..");
  @ArchTest static final ArchRule benchmarksDoNotUseStudies =
      noClasses().that().resideInAPackage("art.empathic.lab.bench..").should().dependOnClassesThat()
          .resideInAPackage("art.empathic.lab.study..");
}
