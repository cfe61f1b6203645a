package art.empathic.corpus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Splits clips into train / validation / test, deterministically for a seed.
 *
 * <p><b>Units.</b> Clips are first grouped so that clips holding the same audio (equal
 * {@link Clip#audioKey()}: byte-identical files or the same recording converted twice) move together: for the random protocol a unit is one group of
 * identical clips; for the speaker protocol a unit is a speaker, merged with any speaker that
 * shares identical audio with it.
 *
 * <p><b>Stratified random</b> (the original study's protocol). One {@code Random(seed)}
 * is used for all classes in {@link Emotion} order: each class's units, in path order, are
 * shuffled with it ({@link Collections#shuffle(List, Random)}); then units are taken into the
 * test part while that keeps the class's test count at most {@code round(fraction * n)} clips
 * (n = the class's clips). Speakers end up on both sides; the split says so in its description
 * and warnings.
 *
 * <p><b>Speaker-independent k-fold.</b> When the clips are exactly RAVDESS actors 1..24 and
 * k = 6, fold f holds actors 2f-1, 2f, 2f+11, 2f+12 (two men, two women). Otherwise units are
 * shuffled with {@code Random(seed)}, stably sorted by size (largest first), and each is put in
 * the fold where it least increases the imbalance: the sum over folds of squared relative
 * deviations of the per-class clip counts and the per-gender speaker counts from their ideal
 * (total / k); ties go to the fold with fewer units, then the lower fold number. Every clip must
 * have a known speaker.
 *
 * <p><b>Validation</b> is cut from the training part the same way: stratified random with the
 * validation fraction, or by speaker (round(1 / fraction) balanced speaker groups, the first one
 * held out), using seed + 1.
 */
public final class Splitter {
  private static final Pattern RAVDESS_ACTOR = Pattern.compile("Actor_(\\d\\d)");

  private Splitter() {}

  /** A set of clips that must stay on one side. */
  private record Unit(List<Clip> clips) {
    Emotion emotion() {
      return clips.get(0).emotion();
    }

    String first() {
      return clips.get(0).path().toString();
    }

    Set<String> speakers() {
      return clips.stream().map(Clip::speaker).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /** Splits clips as the spec says. */
  public static Split split(List<Clip> clips, SplitSpec spec) {
    if (clips.isEmpty()) {
      throw new IllegalArgumentException("cannot split an empty list of clips");
    }
    List<String> warnings = new ArrayList<>();
    List<Clip> train;
    List<Clip> test;
    String description;
    if (spec.protocol() == Protocol.RANDOM) {
      List<List<Clip>> parts = stratified(clips, spec.testFraction(), spec.seed());
      train = parts.get(0);
      test = parts.get(1);
      description = String.format(Locale.ROOT,
          "stratified random split by emotion, %.0f%% of each class to test (seed %d): the original study's protocol; "
              + "the same speakers are in train and test, so scores are speaker-dependent",
          100 * spec.testFraction(), spec.seed());
    } else if (spec.protocol() == Protocol.NONE) {
      train = new ArrayList<>(clips);
      test = List.of();
      description = "no test part: every clip trains the release model (its accuracy on new voices is measured "
          + "by the speaker-independent folds, not here)";
    } else if (spec.namedSpeakers()) {
      Set<String> named = namedTestSpeakers(clips, spec.testSpeakers());
      List<Unit> units = speakerUnits(clips);
      train = new ArrayList<>();
      test = new ArrayList<>();
      for (Unit u : units) {
        boolean in = u.speakers().stream().anyMatch(named::contains);
        if (in && !named.containsAll(u.speakers())) {
          throw new IllegalArgumentException("test speakers " + String.join(",", spec.testSpeakers())
              + ": speaker(s) " + String.join(", ", u.speakers()) + " share identical audio, so they must all be "
              + "named or none");
        }
        (in ? test : train).addAll(u.clips());
      }
      description = "speaker-independent split with named test speakers " + String.join(", ", named)
          + " (not in train)";
    } else {
      List<List<Unit>> folds = speakerFolds(clips, spec.folds(), spec.seed());
      train = new ArrayList<>();
      test = new ArrayList<>();
      for (int f = 0; f < folds.size(); f++) {
        for (Unit u : folds.get(f)) {
          (f == spec.fold() - 1 ? test : train).addAll(u.clips());
        }
      }
      description = "speaker-independent fold " + spec.fold() + " of " + spec.folds() + " (seed " + spec.seed()
          + "): test speakers " + String.join(", ", speakersOf(test)) + " are not in train";
    }

    List<Clip> validation = List.of();
    if (spec.validation() != SplitSpec.Validation.NONE) {
      List<List<Clip>> parts;
      if (spec.validation() == SplitSpec.Validation.RANDOM) {
        parts = stratified(train, spec.validationFraction(), spec.seed() + 1);
      } else {
        int groups = Math.max(2, (int) Math.round(1 / spec.validationFraction()));
        List<List<Unit>> folds = speakerFolds(train, groups, spec.seed() + 1);
        List<Clip> held = folds.get(0).stream().flatMap(u -> u.clips().stream()).toList();
        Set<Clip> heldSet = new HashSet<>(held);
        parts = List.of(train.stream().filter(c -> !heldSet.contains(c)).toList(), held);
      }
      train = parts.get(0);
      validation = parts.get(1);
      description += String.format(Locale.ROOT, "; validation: %s %.0f%% of the training side",
          spec.validation() == SplitSpec.Validation.RANDOM ? "stratified random" : "held-out speakers, about",
          100 * spec.validationFraction());
    }

    train = sorted(train);
    validation = sorted(validation);
    test = sorted(test);
    checkNoSharedAudio(train, validation, test);
    warnings.addAll(warningsFor(train, validation, test, clips));
    return new Split(spec, description, List.copyOf(speakersOf(test)), train, validation, test, warnings);
  }

  /** Every fold of a speaker k-fold spec (folds 1..k), e.g. for cross-validation. */
  public static List<Split> allFolds(List<Clip> clips, SplitSpec spec) {
    if (spec.protocol() != Protocol.SPEAKER) {
      throw new IllegalArgumentException("all folds needs the speaker protocol");
    }
    return IntStream.rangeClosed(1, spec.folds()).mapToObj(f -> split(clips, spec.withFold(f))).toList();
  }

  /**
   * The speakers of each fold of the speaker protocol, fold 1 first, for showing or saving a
   * fold plan.
   */
  public static List<Set<String>> foldSpeakers(List<Clip> clips, int folds, long seed) {
    return speakerFolds(clips, folds, seed).stream()
        .map(f -> f.stream().flatMap(u -> u.speakers().stream()).collect(Collectors.toCollection(TreeSet::new)))
        .map(s -> (Set<String>) Collections.unmodifiableSet(s)).toList();
  }

  // ---- stratified random -------------------------------------------------------------------

  /** [train, test] with round(fraction * n) clips of each class in test. */
  private static List<List<Clip>> stratified(List<Clip> clips, double fraction, long seed) {
    Map<Emotion, List<Unit>> byClass = new EnumMap<>(Emotion.class);
    for (Unit u : duplicateUnits(clips)) {
      byClass.computeIfAbsent(u.emotion(), e -> new ArrayList<>()).add(u);
    }
    Random rnd = new Random(seed);
    List<Clip> train = new ArrayList<>();
    List<Clip> test = new ArrayList<>();
    for (List<Unit> units : byClass.values()) {
      units.sort(Comparator.comparing(Unit::first));
      Collections.shuffle(units, rnd);
      int n = units.stream().mapToInt(u -> u.clips().size()).sum();
      long target = Math.round(fraction * n);
      int taken = 0;
      for (Unit u : units) {
        if (taken + u.clips().size() <= target) {
          test.addAll(u.clips());
          taken += u.clips().size();
        } else {
          train.addAll(u.clips());
        }
      }
    }
    return List.of(train, test);
  }

  /** Groups of byte-identical clips (most are single clips), in path order. */
  private static List<Unit> duplicateUnits(List<Clip> clips) {
    Map<String, List<Clip>> byHash = new LinkedHashMap<>();
    for (Clip c : sorted(clips)) {
      byHash.computeIfAbsent(c.audioKey(), h -> new ArrayList<>()).add(c);
    }
    return byHash.values().stream().map(Unit::new).collect(Collectors.toCollection(ArrayList::new));
  }

  // ---- speaker folds -----------------------------------------------------------------------

  /**
   * The named test speakers, each checked against the clips: unknown names are refused in one
   * line that names them (a typo would otherwise leave the test part short or empty).
   */
  private static Set<String> namedTestSpeakers(List<Clip> clips, List<String> names) {
    Set<String> known = clips.stream().map(Clip::speaker).collect(Collectors.toCollection(TreeSet::new));
    List<String> unknown = names.stream().filter(n -> !known.contains(n)).toList();
    if (!unknown.isEmpty()) {
      List<String> some = known.stream().limit(6).toList();
      throw new IllegalArgumentException("--test-speakers: no clips of " + String.join(", ", unknown)
          + " in this corpus (its " + known.size() + " speakers are " + String.join(", ", some)
          + (known.size() > some.size() ? ", ..." : "") + ")");
    }
    if (known.size() == new TreeSet<>(names).size()) {
      throw new IllegalArgumentException("--test-speakers: every speaker of the corpus is named, so none is left to "
          + "train on");
    }
    return new TreeSet<>(names);
  }

  /** The units of each fold; a unit is a speaker merged with speakers sharing identical audio. */
  private static List<List<Unit>> speakerFolds(List<Clip> clips, int k, long seed) {
    List<String> unknown = clips.stream().filter(c -> !c.hasSpeaker()).map(c -> c.path().toString()).limit(3).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("a speaker-independent split needs every clip's speaker; "
          + clips.stream().filter(c -> !c.hasSpeaker()).count() + " clips have none, e.g. " + unknown.get(0));
    }
    List<Unit> units = speakerUnits(clips);
    if (units.size() < k) {
      throw new IllegalArgumentException(k + " speaker folds need at least " + k + " independent speakers, found "
          + units.size());
    }
    List<List<Unit>> fixed = ravdessFolds(units, k);
    return fixed != null ? fixed : balancedFolds(units, k, seed);
  }

  /** Speakers, merged when they share byte-identical audio (union-find over speaker ids). */
  private static List<Unit> speakerUnits(List<Clip> clips) {
    Map<String, String> parent = new HashMap<>();
    for (Clip c : clips) {
      parent.putIfAbsent(c.speaker(), c.speaker());
    }
    Map<String, String> speakerOfHash = new HashMap<>();
    for (Clip c : clips) {
      String other = speakerOfHash.putIfAbsent(c.audioKey(), c.speaker());
      if (other != null) {
        String a = find(parent, other);
        String b = find(parent, c.speaker());
        if (!a.equals(b)) {
          parent.put(a.compareTo(b) < 0 ? b : a, a.compareTo(b) < 0 ? a : b);
        }
      }
    }
    Map<String, List<Clip>> byRoot = new TreeMap<>();
    for (Clip c : sorted(clips)) {
      byRoot.computeIfAbsent(find(parent, c.speaker()), s -> new ArrayList<>()).add(c);
    }
    return new ArrayList<>(byRoot.values().stream().map(Unit::new).toList());
  }

  private static String find(Map<String, String> parent, String s) {
    String r = s;
    while (!parent.get(r).equals(r)) {
      r = parent.get(r);
    }
    return r;
  }

  /** The documented RAVDESS 6-fold plan, or null when the units are not exactly actors 1..24. */
  private static List<List<Unit>> ravdessFolds(List<Unit> units, int k) {
    if (k != 6 || units.size() != 24) {
      return null;
    }
    List<List<Unit>> folds = new ArrayList<>();
    IntStream.range(0, 6).forEach(i -> folds.add(new ArrayList<>()));
    Set<Integer> actors = new HashSet<>();
    for (Unit u : units) {
      Set<String> speakers = u.speakers();
      if (speakers.size() != 1 || u.clips().stream().anyMatch(c -> c.ravdess() == null)) {
        return null;
      }
      Matcher m = RAVDESS_ACTOR.matcher(speakers.iterator().next());
      if (!m.matches()) {
        return null;
      }
      int actor = Integer.parseInt(m.group(1));
      actors.add(actor);
      // Fold f (1-based) holds actors 2f-1, 2f, 2f+11, 2f+12.
      folds.get(((actor - 1) % 12) / 2).add(u);
    }
    return actors.size() == 24 && actors.stream().allMatch(a -> a >= 1 && a <= 24) ? folds : null;
  }

  /** Greedy balanced assignment (see the class comment). */
  private static List<List<Unit>> balancedFolds(List<Unit> units, int k, long seed) {
    List<Unit> order = new ArrayList<>(units);
    order.sort(Comparator.comparing(Unit::first));
    Collections.shuffle(order, new Random(seed));
    order.sort(Comparator.comparingInt((Unit u) -> u.clips().size()).reversed());

    int nClass = Emotion.values().length;
    int nGender = 2; // MALE, FEMALE; unknown genders are not balanced
    double[] classIdeal = new double[nClass];
    double[] genderIdeal = new double[nGender];
    for (Unit u : units) {
      for (Clip c : u.clips()) {
        classIdeal[c.emotion().ordinal()] += 1.0 / k;
      }
      for (Gender g : unitGenders(u)) {
        genderIdeal[g.ordinal()] += 1.0 / k;
      }
    }
    double[][] classCount = new double[k][nClass];
    double[][] genderCount = new double[k][nGender];
    List<List<Unit>> folds = new ArrayList<>();
    IntStream.range(0, k).forEach(i -> folds.add(new ArrayList<>()));
    for (Unit u : order) {
      double[] addClass = new double[nClass];
      double[] addGender = new double[nGender];
      u.clips().forEach(c -> addClass[c.emotion().ordinal()]++);
      unitGenders(u).forEach(g -> addGender[g.ordinal()]++);
      int best = -1;
      double bestDelta = Double.POSITIVE_INFINITY;
      for (int f = 0; f < k; f++) {
        double delta = costDelta(classCount[f], addClass, classIdeal) + costDelta(genderCount[f], addGender, genderIdeal);
        boolean better = delta < bestDelta - 1e-12
            || (Math.abs(delta - bestDelta) <= 1e-12 && folds.get(f).size() < folds.get(best).size());
        if (better) {
          best = f;
          bestDelta = delta;
        }
      }
      folds.get(best).add(u);
      for (int i = 0; i < nClass; i++) classCount[best][i] += addClass[i];
      for (int i = 0; i < nGender; i++) genderCount[best][i] += addGender[i];
    }
    return folds;
  }

  /** Known genders of a unit's speakers (one entry per speaker). */
  private static List<Gender> unitGenders(Unit u) {
    Map<String, Gender> g = new LinkedHashMap<>();
    u.clips().forEach(c -> g.putIfAbsent(c.speaker(), c.gender()));
    return g.values().stream().filter(x -> x != Gender.UNKNOWN).toList();
  }

  /** Increase of sum(((count - ideal) / ideal)^2) when {@code add} joins {@code count}. */
  private static double costDelta(double[] count, double[] add, double[] ideal) {
    double d = 0;
    for (int i = 0; i < count.length; i++) {
      if (ideal[i] > 0) {
        double before = (count[i] - ideal[i]) / ideal[i];
        double after = (count[i] + add[i] - ideal[i]) / ideal[i];
        d += after * after - before * before;
      }
    }
    return d;
  }

  // ---- checks ------------------------------------------------------------------------------

  private static void checkNoSharedAudio(List<Clip> train, List<Clip> validation, List<Clip> test) {
    Set<String> testHashes = test.stream().map(Clip::audioKey).collect(Collectors.toSet());
    Set<String> valHashes = validation.stream().map(Clip::audioKey).collect(Collectors.toSet());
    for (Clip c : train) {
      if (testHashes.contains(c.audioKey()) || valHashes.contains(c.audioKey())) {
        throw new IllegalStateException("split bug: " + c.path() + " has identical audio on two sides");
      }
    }
    for (Clip c : validation) {
      if (testHashes.contains(c.audioKey())) {
        throw new IllegalStateException("split bug: " + c.path() + " has identical audio in validation and test");
      }
    }
  }

  private static List<String> warningsFor(List<Clip> train, List<Clip> validation, List<Clip> test, List<Clip> all) {
    List<String> w = new ArrayList<>();
    Set<String> both = Split.sharedSpeakers(train, test);
    if (!both.isEmpty()) {
      long speakers = all.stream().filter(Clip::hasSpeaker).map(Clip::speaker).distinct().count();
      w.add("SPEAKER OVERLAP: " + both.size() + " of " + speakers
          + " speakers have clips in both train and test; test scores are speaker-dependent and overstate "
          + "accuracy on new voices");
    }
    Set<Emotion> classes = all.stream().map(Clip::emotion).collect(Collectors.toCollection(TreeSet::new));
    for (Emotion e : classes) {
      if (train.stream().noneMatch(c -> c.emotion() == e)) {
        w.add("class " + e.label() + " has no training clips");
      }
      if (!test.isEmpty() && test.stream().noneMatch(c -> c.emotion() == e)) {
        w.add("class " + e.label() + " has no test clips");
      }
    }
    return w;
  }

  private static Set<String> speakersOf(List<Clip> clips) {
    return clips.stream().map(Clip::speaker).collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<Clip> sorted(List<Clip> clips) {
    List<Clip> s = new ArrayList<>(clips);
    s.sort(Comparator.comparing(c -> c.path().toString()));
    return s;
  }
}
