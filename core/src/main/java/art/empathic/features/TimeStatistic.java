package art.empathic.features;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One statistic over time of each MFCC row, for the {@code mfcc-stats} kind. The delta
 * statistics are taken over the delta (or delta-delta) rows; the percentiles use numpy's
 * default linear interpolation, the standard deviation numpy's ddof=0.
 */
public enum TimeStatistic {
  MEAN("mean", 0),
  STD("std", 0),
  MIN("min", 0),
  MAX("max", 0),
  MEDIAN("median", 0),
  P10("p10", 0),
  P90("p90", 0),
  DMEAN("dmean", 1),
  DSTD("dstd", 1),
  D2STD("d2std", 2),
  /** The mean over each third of the clip: three values per row, capturing the contour. */
  SEG3("seg3", 0, 3);

  /** The default set: 40 MFCC give 200 values. */
  public static final List<TimeStatistic> DEFAULT = List.of(MEAN, STD, P10, P90, DSTD);

  private final String key;
  private final int deltaOrder;
  private final int valuesPerRow;

  TimeStatistic(String key, int deltaOrder) {
    this(key, deltaOrder, 1);
  }

  TimeStatistic(String key, int deltaOrder, int valuesPerRow) {
    this.key = key;
    this.deltaOrder = deltaOrder;
    this.valuesPerRow = valuesPerRow;
  }

  /** How many values the statistic gives per MFCC row. */
  public int valuesPerRow() {
    return valuesPerRow;
  }

  /** 0 for statistics of the MFCC, 1 for the delta rows, 2 for the delta-delta rows. */
  public int deltaOrder() {
    return deltaOrder;
  }

  @JsonValue
  public String key() {
    return key;
  }

  @JsonCreator
  public static TimeStatistic parse(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(v -> v.key.equals(t)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("unknown statistic '" + s + "' (use " + Arrays.stream(values())
            .map(TimeStatistic::key).collect(Collectors.joining(", ")) + ")"));
  }

  /** Parses a list such as {@code "mean,std,p90,dstd"} or {@code "mean+std+p90+dstd"}. */
  public static List<TimeStatistic> parseList(String s) {
    return Arrays.stream(s.split("[,+]")).filter(x -> !x.isBlank()).map(TimeStatistic::parse).toList();
  }

  @Override
  public String toString() {
    return key;
  }
}
