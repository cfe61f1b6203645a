package art.empathic.app.cli;

import art.empathic.io.Json;
import art.empathic.corpus.Clip;
import art.empathic.corpus.Corpus;
import art.empathic.corpus.NeutralPolicy;
import art.empathic.corpus.Emotion;
import art.empathic.corpus.Split;
import art.empathic.corpus.Splitter;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code corpus split}: shows the split a training run with the same options would use. */
@Command(name = "split", mixinStandardHelpOptions = true,
    description = {"Split a corpus into train, validation and test parts as training would, and count them.",
        "The split is deterministic for a seed. Prints clips per emotion and speakers of each part, with warnings "
        + "(e.g. speakers in both train and test) on stderr. --json adds every part's file list, for running other tools on exactly the same split."})
final class CorpusSplitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CorpusArgs corpus;
  @Mixin SplitArgs split;

  @Option(names = "--json", description = "Print one JSON object with the spec, counts, speakers and file lists.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Corpus c = corpus.load(NeutralPolicy.DROP);
    Split s = Splitter.split(c.clips(), split.spec());
    PrintWriter err = spec.commandLine().getErr();
    s.warnings().forEach(w -> err.println("empathic-art: WARNING: " + w));
    err.flush();
    PrintWriter out = spec.commandLine().getOut();
    Map<String, List<Clip>> parts = new LinkedHashMap<>();
    parts.put("train", s.train());
    parts.put("validation", s.validation());
    parts.put("test", s.test());
    if (json) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("spec", s.spec());
      j.put("description", s.description());
      j.put("test_speakers", s.testSpeakers());
      j.put("warnings", s.warnings());
      Map<String, Object> p = new LinkedHashMap<>();
      parts.forEach((name, clips) -> {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("clips", clips.size());
        Map<String, Integer> perEmotion = new LinkedHashMap<>();
        Corpus.count(clips, Clip::emotion).forEach((e, n) -> perEmotion.put(e.label(), n));
        part.put("per_emotion", perEmotion);
        part.put("speakers", clips.stream().map(Clip::speaker).distinct().sorted().toList());
        part.put("paths", clips.stream().map(x -> x.path().toString()).toList());
        p.put(name, part);
      });
      j.put("parts", p);
      out.println(Json.MAPPER.writeValueAsString(j));
    } else {
      out.println(s.description());
      out.printf(Locale.ROOT, "%-10s %8s %11s %8s%n", "", "train", "validation", "test");
      for (Emotion e : c.emotions()) {
        out.printf(Locale.ROOT, "%-10s %8d %11d %8d%n", e.label(), count(s.train(), e), count(s.validation(), e),
            count(s.test(), e));
      }
      out.printf(Locale.ROOT, "%-10s %8d %11d %8d%n", "total", s.train().size(), s.validation().size(), s.test().size());
      out.printf(Locale.ROOT, "%-10s %8d %11d %8d%n", "speakers", speakers(s.train()), speakers(s.validation()),
          speakers(s.test()));
      out.println("test speakers: " + String.join(", ", s.testSpeakers()));
    }
    out.flush();
    return 0;
  }

  private static long count(List<Clip> clips, Emotion e) {
    return clips.stream().filter(c -> c.emotion() == e).count();
  }

  private static long speakers(List<Clip> clips) {
    return clips.stream().map(Clip::speaker).distinct().count();
  }
}
