package art.empathic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The help of every command reads as prose: the summary in a command list is one whole sentence
 * that fits the list, and descriptions are paragraphs picocli wraps, never lines broken by hand
 * inside a sentence; every option says what it does. Every usage renders at width 80.
 */
class HelpTextTest {
  private static final int WIDTH = 80;
  /** Lines a command's summary may take in its parent's command list at {@link #WIDTH}. */
  private static final int SUMMARY_LINES = 2;
  /** The research harness (bench, study) has its own help, checked where it lives. */
  private static final Set<String> NOT_CORE = Set.of("bench", "study");
  /** A sentence ends with . ! ? or : (before a list), maybe inside closing brackets or quotes. */
  private static final Pattern ENDS_SENTENCE = Pattern.compile(".*[.!?:][)\\]\"'`]*$", Pattern.DOTALL);
  private static final Pattern ENDS_SUMMARY = Pattern.compile(".*[.!?][)\\]\"'`]*$", Pattern.DOTALL);

  @Test
  void everyCommandReadsAsProse() {
    List<String> problems = new ArrayList<>();
    List<CommandLine> commands = commands();
    assertThat(commands).as("commands walked").hasSizeGreaterThan(15);
    for (CommandLine cl : commands) {
      CommandSpec spec = cl.getCommandSpec();
      String name = spec.qualifiedName();
      if (cl.getParent() != null) {
        String summary = summary(spec);
        if (!ENDS_SUMMARY.matcher(summary.trim()).matches()) {
          problems.add(name + ": summary does not end a sentence: \"" + summary + "\"");
        }
      }
      paragraphs(name + " (description)", spec.usageMessage().header(), problems);
      paragraphs(name + " (description)", spec.usageMessage().description(), problems);
      paragraphs(name + " (footer)", spec.usageMessage().footer(), problems);
      for (ArgSpec arg : spec.args()) {
        String label = arg.isOption() ? ((CommandLine.Model.OptionSpec) arg).longestName() : arg.paramLabel();
        paragraphs(name + " " + label, arg.description(), problems);
        if (!arg.hidden() && String.join("", arg.description()).isBlank()) {
          problems.add(name + " " + label + ": no description");
        }
        if (!arg.hidden() && arg.arity().max() > 0 && arg.paramLabel().matches("<[a-z]+[A-Z]?\\w*>")) {
          problems.add(name + " " + label + ": value labelled after its Java field, " + arg.paramLabel());
        }
      }
      summaryLines(cl, problems);
    }
    assertThat(problems).as("help text problems").isEmpty();
  }

  @Test
  void everyUsageRendersAtWidth80() {
    for (CommandLine cl : commands()) {
      cl.setUsageHelpWidth(WIDTH);
      String usage = cl.getUsageMessage();
      assertThat(usage).as(cl.getCommandSpec().qualifiedName()).contains("Usage: ");
      for (String line : usage.split("\\R")) {
        assertThat(line.length()).as("%s: line longer than %d: %s", cl.getCommandSpec().qualifiedName(), WIDTH, line)
            .isLessThanOrEqualTo(WIDTH);
      }
    }
  }

  @Test
  void trainListsItsOptionsUnderHeadingsEverydayOnesFirst() {
    CommandLine train = commands().stream().filter(c -> c.getCommandSpec().qualifiedName().equals("empathic-art train"))
        .findFirst().orElseThrow();
    train.setUsageHelpWidth(WIDTH);
    List<String> lines = List.of(train.getUsageMessage().split("\\R"));
    List<String> headings = List.of("Data", "Model and recipe", "Training", "Output");
    List<Integer> at = headings.stream().map(lines::indexOf).toList();
    assertThat(at).as("headings %s in %s", headings, lines).doesNotContain(-1).isSorted();
    assertThat(lines.indexOf("Data")).isLessThan(optionLine(lines, "--data")).isLessThan(optionLine(lines, "--split"));
    assertThat(optionLine(lines, "--model")).isBetween(at.get(1), at.get(2));
    assertThat(optionLine(lines, "--epochs")).isBetween(at.get(2), at.get(3));
    assertThat(optionLine(lines, "--out")).isGreaterThan(at.get(3));
    for (CommandLine.Model.OptionSpec o : train.getCommandSpec().options()) {
      if (!o.hidden()) {
        assertThat(lines.stream().filter(l -> l.matches("^\\s+(-\\w, )?" + Pattern.quote(o.longestName()) + "([= ].*)?$")))
            .as("%s listed once", o.longestName()).hasSize(1);
      }
    }
  }

  private static int optionLine(List<String> lines, String name) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).matches("^\\s+(-\\w, )?" + Pattern.quote(name) + "([= ].*)?$")) {
        return i;
      }
    }
    return -1;
  }

  /** The rules themselves, on text that breaks them, so the test above can fail. */
  @Test
  void theRulesCatchBrokenText() {
    List<String> problems = new ArrayList<>();
    paragraphs("a", new String[] {"Run the study on the same families", "under the speaker protocol."}, problems);
    paragraphs("b", new String[] {"Trains on every clip,%nnot only the training part."}, problems);
    paragraphs("c", new String[] {"Trains a model (the default", "(--model) is the best one)."}, problems);
    assertThat(problems).hasSize(3);
    problems.clear();
    paragraphs("d", new String[] {"One sentence.", "", "Options (a list):", "Another paragraph.%nAnd one more."}, problems);
    assertThat(problems).isEmpty();
    assertThat(ENDS_SUMMARY.matcher("Write a run directory with").matches()).isFalse();
    assertThat(ENDS_SUMMARY.matcher("Run the demo on the data found:").matches()).isFalse();
  }

  /** Every command and subcommand of the core CLI, each once (aliases point to the same one). */
  private static List<CommandLine> commands() {
    CommandLine root = Main.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    List<CommandLine> all = new ArrayList<>();
    walk(root, all, new IdentityHashMap<>());
    return all;
  }

  private static void walk(CommandLine cl, List<CommandLine> all, Map<CommandLine, Boolean> seen) {
    if (seen.put(cl, Boolean.TRUE) != null) {
      return;
    }
    all.add(cl);
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (!(cl.getParent() == null && NOT_CORE.contains(sub.getCommandName()))) {
        walk(sub, all, seen);
      }
    }
  }

  /** What a command list shows for a command: its header, else its description's first line. */
  private static String summary(CommandSpec spec) {
    String[] header = spec.usageMessage().header();
    if (header.length > 0) {
      return String.format(header[0]);
    }
    String[] description = spec.usageMessage().description();
    return description.length == 0 ? "" : String.format(description[0]).split("\\R", 2)[0];
  }

  /**
   * Description strings are paragraphs: each one that another follows ends a sentence (or is blank,
   * a paragraph break). The same holds for the parts a
   * %n or a line break inside one string makes.
   */
  private static void paragraphs(String where, String[] description, List<String> problems) {
    List<String> lines = new ArrayList<>();
    for (String s : description) {
      for (String part : s.split("%n|\\R", -1)) {
        lines.add(part);
      }
    }
    for (int i = 0; i + 1 < lines.size(); i++) {
      String line = lines.get(i).stripTrailing();
      String next = lines.get(i + 1);
      if (line.isBlank() || next.isBlank()) {
        continue;
      }
      if (!ENDS_SENTENCE.matcher(line).matches()) {
        problems.add(where + ": line broken inside a sentence: \"" + line + "\" / \"" + next + "\"");
      }
    }
  }

  /** Each command in a command list takes at most {@link #SUMMARY_LINES} lines at width 80. */
  private static void summaryLines(CommandLine cl, List<String> problems) {
    if (cl.getSubcommands().isEmpty()) {
      return;
    }
    cl.setUsageHelpWidth(WIDTH);
    String list = new CommandLine.Help(cl.getCommandSpec(), CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF))
        .commandList();
    String current = null;
    int lines = 0;
    for (String line : (list + "\n  ").split("\\R")) {
      if (line.matches("^  \\S.*") || line.isBlank()) {
        if (current != null && lines > SUMMARY_LINES) {
          problems.add(current + ": summary takes " + lines + " lines in the command list of "
              + cl.getCommandSpec().qualifiedName() + " (at most " + SUMMARY_LINES + ")");
        }
        current = line.isBlank() ? null : line.trim().split("\\s+", 2)[0];
        lines = 1;
      } else {
        lines++;
      }
    }
  }
}
