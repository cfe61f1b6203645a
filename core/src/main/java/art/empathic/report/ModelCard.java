package art.empathic.report;

import art.empathic.corpus.CorpusKind;
import art.empathic.io.AtomicFiles;
import art.empathic.run.ReleaseInfo;
import art.empathic.run.RunFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code MODEL_CARD.md} of a release run, in the form of a Hugging Face model card (YAML front
 * matter, then model, training data, licences, intended use, limits, measured performance). Every
 * fact comes from the run's {@code release.json} or from {@link ReleaseFigures}; nothing is
 * invented, and figures not measured yet are said to be so.
 */
public final class ModelCard {
  private ModelCard() {}

  /** The licence of each corpus kind's data, as its README (or ../shared/data/MORE-CORPORA.md) states it. */
  static final Map<CorpusKind, String> LICENCES = Map.of(
      CorpusKind.RAVDESS, "CC BY-NC-SA 4.0 (Livingstone & Russo 2018)",
      CorpusKind.EMODB, "free for research use (TU Berlin; see its README)",
      CorpusKind.SAVEE, "research use (University of Surrey)",
      CorpusKind.EMOVO, "research use (Fondazione Ugo Bordoni)",
      CorpusKind.TESS, "CC BY-NC-ND 4.0 (Dupuis & Pichora-Fuller 2010)",
      CorpusKind.CASIA, "research use (CASIA, Institute of Automation, Chinese Academy of Sciences)",
      CorpusKind.NEMO, "CC BY-NC-SA 4.0 (Christop 2024)",
      CorpusKind.CREMA_D, "Open Database License 1.0 (Cao et al. 2014)");

  /** The reader kinds whose corpora are acted (performed emotions, fixed sentences). */
  private static final Set<String> ACTED = Set.of("ravdess", "emodb", "savee", "emovo", "tess", "casia", "nemo",
      "crema-d");

  /** ISO 639-1 codes of the languages the readers know, for the card's metadata. */
  private static final Map<String, String> LANGUAGE_CODES = Map.of("English", "en", "German", "de", "Italian", "it",
      "Mandarin", "zh", "Polish", "pl");

  /** The licence of a corpus by its reader kind name; "not known" for folders and manifests. */
  static String licence(String kind) {
    Optional<CorpusKind> k = kind == null ? Optional.empty() : CorpusKind.ofCorpusName(kind);
    return k.map(LICENCES::get).orElse("not known: see the data's own terms");
  }

  /**
   * Writes {@code runDir/MODEL_CARD.md} atomically.
   *
   * @param recipe lines describing the recipe (features, augmentation, normalisation, training)
   */
  public static Path write(Path runDir, ReleaseInfo info, List<String> recipe, ReleaseFigures figures)
      throws IOException {
    Path card = runDir.resolve(RunFiles.MODEL_CARD);
    AtomicFiles.writeString(card, markdown(info, recipe, figures));
    return card;
  }

  /** The card's text. */
  public static String markdown(ReleaseInfo info, List<String> recipe, ReleaseFigures figures) {
    List<ReleaseInfo.TrainingCorpus> corpora = info.corpora();
    Set<String> languages = new LinkedHashSet<>();
    corpora.forEach(c -> {
      if (c.language() != null) {
        languages.add(c.language());
      }
    });
    StringBuilder b = new StringBuilder();
    b.append("---\n");
    b.append("license: other\n");
    b.append("license_name: training-data-non-commercial\n");
    b.append("language:\n");
    languages.forEach(l -> b.append("- ").append(LANGUAGE_CODES.getOrDefault(l, l)).append('\n'));
    b.append("tags:\n- audio-classification\n- speech-emotion-recognition\n");
    b.append("datasets:\n");
    corpora.forEach(c -> b.append("- ").append(c.name()).append('\n'));
    b.append("pipeline_tag: audio-classification\n");
    b.append("---\n\n");

    b.append("# ").append(info.displayName()).append(" — release model\n\n");
    b.append("A speech emotion classifier of Empathic Art, trained on every clip of ")
        .append(corpora.isEmpty() ? String.join(", ", info.data()) : corpusNames(corpora))
        .append(" (`train --split none`). It hears one clip of a voice and answers a probability for each of its ")
        .append(info.classes().size()).append(" classes.\n\n");

    b.append("## Model\n\n");
    b.append("- Family: `").append(info.model()).append("` (").append(info.displayName()).append(")\n");
    recipe.forEach(r -> b.append("- ").append(r).append('\n'));
    b.append("- Classes, in output order: ").append(String.join(", ", info.classes())).append('\n');
    if (info.classes().contains("Neutral")) {
      b.append("- Neutral is a class of its own: the answer for speech that carries none of the other emotions "
          + "(placed at valence 0, slightly low arousal on the circumplex; docs/ART.md)\n");
    }
    b.append(String.format(Locale.ROOT, "- Trained: %d epochs, %s of training, finished %s%n", info.epochs(),
        Fmt.duration(info.trainingSeconds()), info.finished()));
    b.append('\n');

    b.append("## Training data\n\n");
    b.append(String.format(Locale.ROOT, "%d clips, %d speakers%s%s.%n%n", info.nTrain() + info.nValidation(),
        info.speakers(), corpora.isEmpty() ? "" : ", " + corpora.size() + (corpora.size() == 1 ? " corpus" : " corpora"),
        languages.isEmpty() ? "" : ", " + languages.size() + (languages.size() == 1 ? " language" : " languages")
            + " (" + String.join(", ", languages) + ")"));
    if (!corpora.isEmpty()) {
      b.append("| corpus | reader | language | clips | speakers | classes | licence |\n");
      b.append("|---|---|---|---:|---:|---|---|\n");
      for (ReleaseInfo.TrainingCorpus c : corpora) {
        b.append("| ").append(c.name()).append(" | ").append(c.kind()).append(" | ")
            .append(c.language() == null ? "not known" : c.language()).append(" | ").append(c.clips()).append(" | ")
            .append(c.speakers()).append(" | ").append(String.join(", ", c.classes())).append(" | ")
            .append(licence(c.kind())).append(" |\n");
      }
      b.append('\n');
      if (corpora.size() > 1) {
        b.append("Corpora weigh the same in training whatever their size, and each clip's loss is restricted to the "
            + "classes its own corpus has (a corpus without calm never teaches the model that its clips are not "
            + "calm).\n\n");
      }
    }
    List<String> perClass = new ArrayList<>();
    info.clipsPerClass().forEach((k, v) -> perClass.add(k + " " + v));
    if (!perClass.isEmpty()) {
      b.append("Clips per class (training part): ").append(String.join(", ", perClass)).append(".\n\n");
    }
    b.append("Data folders: ").append(String.join(", ", info.data().stream().map(d -> "`" + d + "`").toList()))
        .append(".\n\n");

    b.append("## Licence\n\n");
    b.append("The weights are learned from the corpora above and are bound by their terms; most allow "
        + "non-commercial research use only. Use this model for research and personal, non-commercial work, "
        + "attribute the corpora, and check each licence before any other use. Never redistribute the corpora "
        + "with it.\n\n");

    b.append("## Intended use\n\n");
    b.append("Hearing the emotion a voice expresses in one clip of speech (a few seconds) for research, art and "
        + "exploration: the `predict` command, the HTTP/WebSocket server (`serve`), the page and the art, and "
        + "`spark score` in batch. It describes how speech sounds, not how a person feels.\n\n");
    b.append("Not for decisions about people (hiring, health, policing, credit, education), for surveillance, or for "
        + "anything where a wrong answer harms someone.\n\n");

    b.append("## Known limits\n\n");
    List<String> acted = corpora.stream().filter(c -> ACTED.contains(c.kind())).map(ReleaseInfo.TrainingCorpus::name)
        .toList();
    if (!acted.isEmpty()) {
      b.append("- Acted speech: ").append(acted.size() == corpora.size() ? "every corpus above is"
          : String.join(", ", acted) + (acted.size() == 1 ? " is" : " are")).append(" actors (or speakers) "
          + "performing emotions in a studio, mostly with fixed sentences. Natural, unacted speech is subtler and "
          + "is heard less well.\n");
    }
    b.append("- Languages: trained on ").append(languages.isEmpty() ? "the languages of its data"
        : String.join(", ", languages)).append(". Other languages and accents are heard worse, sometimes below "
        + "chance.\n");
    b.append("- Channels: studio microphones at 16 kHz. Noise, other voices, a telephone line or a distant "
        + "microphone cost accuracy; the figures below say how much where measured.\n");
    b.append("- Speakers: ").append(info.speakers()).append(" speakers; voices unlike theirs (children, older "
        + "voices, other accents) were not heard in training.\n");
    b.append("- Classes: a clip is always one of the classes above; emotions outside them (boredom, contempt, "
        + "mixed feelings) are forced into the nearest class. A corpus lacking a class teaches nothing about it.\n\n");

    b.append("## Measured performance\n\n");
    b.append("This run has no test part: it was trained on every clip. The figures are those of its recipe through "
        + "the product path (a model trained on the training side, each test clip scored alone, no statistics of "
        + "its speaker).\n\n");
    if (figures == null || !figures.measured()) {
      b.append("Not measured yet: no product-path figures of this recipe have been recorded. Until they are, expect "
          + "less than the study's speaker-independent figures on voices, languages and microphones unlike the "
          + "training data (docs/research/GENERALIZATION.md).\n\n");
    } else {
      b.append("- Recipe: ").append(orNotStated(figures.recipe())).append('\n');
      b.append("- Protocol: ").append(orNotStated(figures.protocol())).append('\n');
      b.append("- Command: ").append(figures.command() == null ? "not stated" : "`" + figures.command() + "`")
          .append('\n');
      b.append("- Date: ").append(orNotStated(figures.date())).append("; commit: ")
          .append(orNotStated(figures.commit())).append("\n\n");
      b.append("| condition | metric | value | chance |\n|---|---|---:|---:|\n");
      for (ReleaseFigures.Figure f : figures.figures()) {
        b.append("| ").append(f.condition()).append(" | ").append(f.metric()).append(" | ").append(f.value())
            .append(" | ").append(f.chance() == null ? "—" : f.chance()).append(" |\n");
      }
      b.append('\n');
    }

    b.append("## How to use\n\n");
    b.append("```\n./empathic-art predict --model RUNDIR clip.wav --json\n./empathic-art serve --model RUNDIR\n```\n\n");
    b.append("Without `--model`, `predict`, `serve` and `art` use the newest release model under `runs/`.\n");
    return b.toString();
  }

  private static String corpusNames(List<ReleaseInfo.TrainingCorpus> corpora) {
    return String.join(", ", corpora.stream().map(ReleaseInfo.TrainingCorpus::name).toList());
  }

  private static String orNotStated(String s) {
    return s == null || s.isBlank() ? "not stated" : s;
  }
}
