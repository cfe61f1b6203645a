package art.empathic.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The session settings the commands rely on: row conversions interpreted instead of generated
 * (cheaper for one row per clip; docs/BENCHMARKS.md), unless the user set them; and one Hadoop
 * configuration per JVM for the clip readers of all tasks.
 */
class SparkSessionsTest {

  @Test
  void rowConversionsAreInterpretedUnlessTheUserSetsThem() {
    String key = "spark.sql.codegen.wholeStage";
    String before = System.getProperty(key);
    System.setProperty(key, "true"); // as -Dspark... or spark-submit --conf would set it
    SparkSession spark = SparkSessions.start("settings test", "local[1]", false);
    try {
      assertThat(spark.conf().get("spark.sql.codegen.factoryMode")).isEqualTo("NO_CODEGEN");
      assertThat(spark.conf().get(key)).as("the user's setting wins").isEqualTo("true");
      assertThat(spark.conf().get("spark.ui.enabled")).isEqualTo("false");
    } finally {
      spark.stop();
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
  }

  @Test
  void readersWithTheSameSettingsShareOneHadoopConfiguration() throws Exception {
    Configuration driver = new Configuration();
    driver.set("fs.s3a.endpoint", "http://127.0.0.1:9");
    ClipReader a = ClipReader.of(driver, 1024);
    ClipReader b = ClipReader.of(driver, 2048);
    driver.set("fs.s3a.endpoint", "http://127.0.0.1:10");
    ClipReader c = ClipReader.of(driver, 1024);
    Configuration ca = ClipReader.configurationOf(a);
    assertThat(ClipReader.configurationOf(b)).isSameAs(ca);
    assertThat(ClipReader.configurationOf(c)).isNotSameAs(ca);
    assertThat(ca.get("fs.s3a.endpoint")).isEqualTo("http://127.0.0.1:9");
  }
}
