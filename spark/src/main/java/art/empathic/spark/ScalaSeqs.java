package art.empathic.spark;

import java.util.List;

/** Array values of a {@code Row} must be Scala sequences for Spark's row encoder. */
final class ScalaSeqs {
  private ScalaSeqs() {}

  static <T> scala.collection.Seq<T> of(List<T> list) {
    return scala.jdk.javaapi.CollectionConverters.asScala(list).toSeq();
  }
}
