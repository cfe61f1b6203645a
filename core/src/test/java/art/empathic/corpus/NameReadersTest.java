package art.empathic.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every reader on names covering every label code, and on names it must refuse. */
class NameReadersTest {
  private static final Path ROOT = Path.of("/data/corpus");

  private static NameReading read(NameReader r, String relative) {
    return r.read(ROOT, ROOT.resolve(relative));
  }

  @ParameterizedTest
  @CsvSource({
      "Actor_01/03-01-01-01-01-01-01.wav, neutral, Actor_01, MALE",
      "Actor_02/03-01-02-02-01-02-02.wav, calm, Actor_02, FEMALE",
      "03-01-03-01-02-01-07.wav, happy, Actor_07, MALE",
      "03-01-04-02-02-02-10.wav, sad, Actor_10, FEMALE",
      "03-01-05-01-01-01-13.wav, angry, Actor_13, MALE",
      "03-01-06-02-01-01-24.wav, fear, Actor_24, FEMALE",
      "03-01-07-01-01-01-11.wav, disgust, Actor_11, MALE",
      "03-01-08-02-01-01-12.wav, surprise, Actor_12, FEMALE",
      "Actor_05/03-02-06-01-01-01-05.wav, fear, Actor_05, MALE",
  })
  void ravdessReadsEveryEmotionCode(String name, String label, String speaker, Gender gender) {
    NameReading r = read(new RavdessNames(), name);
    assertThat(r.problem()).isNull();
    assertThat(r.label().label()).isEqualTo(label);
    assertThat(r.label().speaker()).isEqualTo(speaker);
    assertThat(r.label().gender()).isEqualTo(gender);
    assertThat(r.label().corpus()).isEqualTo("ravdess");
  }

  @Test
  void ravdessKeepsIntensityStatementAndRepetition() {
    RavdessCode c = read(new RavdessNames(), "03-02-05-02-01-02-16.wav").label().ravdess();
    assertThat(c).isEqualTo(new RavdessCode(3, 2, 5, 2, 1, 2, 16));
    assertThat(c.isSong()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
      "03-01-09-01-01-01-01.wav, emotion must be 01..08",
      "03-01-01-02-01-01-01.wav, neutral has no strong intensity",
      "03-01-02-03-01-01-01.wav, intensity must be 01 or 02",
      "03-01-02-01-03-01-01.wav, statement must be 01 or 02",
      "03-01-02-01-01-03-01.wav, repetition must be 01 or 02",
      "03-01-02-01-01-01-25.wav, actor must be 01..24",
      "02-01-02-01-01-01-01.wav, video-only",
      "03-03-02-01-01-01-01.wav, vocal channel",
      "Actor_03/03-01-02-01-01-01-04.wav, says actor 04 but the file is in folder Actor_03",
      "03-01-02-01-01-01.wav, not a RAVDESS name",
      "notes.wav, not a RAVDESS name",
  })
  void ravdessReportsBadNames(String name, String reason) {
    NameReading r = read(new RavdessNames(), name);
    assertThat(r.isOk()).isFalse();
    assertThat(r.problem()).contains(reason);
  }

  @ParameterizedTest
  @CsvSource({
      "OAF_back_angry.wav, angry, OAF",
      "OAF_angry/OAF_bar_disgust.wav, disgust, OAF",
      "YAF_dog_fear.wav, fear, YAF",
      "YAF_germ_happy.wav, happy, YAF",
      "x/y/OAF_base_neutral.wav, neutral, OAF",
      "YAF_dog_ps.wav, surprise, YAF",
      "yaf_bath_sad.wav, sad, YAF",
  })
  void tessReadsEveryEmotionCode(String name, String label, String speaker) {
    NameReading r = read(new TessNames(), name);
    assertThat(r.problem()).isNull();
    assertThat(r.label()).isEqualTo(ClipLabel.of("tess", speaker, Gender.FEMALE, label));
  }

  @Test
  void tessReportsUnknownCodesAndSpeakers() {
    assertThat(read(new TessNames(), "OAF_back_bored.wav").problem()).contains("emotion must be one of");
    assertThat(read(new TessNames(), "MAF_back_angry.wav").problem()).contains("not a TESS name");
  }

  @ParameterizedTest
  @CsvSource({
      "DC_a01.wav, angry, DC",
      "JE_d02.wav, disgust, JE",
      "JK_f15.wav, fear, JK",
      "KL_h03.wav, happy, KL",
      "DC_n30.wav, neutral, DC",
      "JE_sa01.wav, sad, JE",
      "KL_su15.wav, surprise, KL",
      "KL/su02.wav, surprise, KL",
      "AudioData/DC/a05.wav, angry, DC",
  })
  void saveeReadsEveryEmotionCodeFlatAndInSpeakerFolders(String name, String label, String speaker) {
    NameReading r = read(new SaveeNames(), name);
    assertThat(r.problem()).isNull();
    assertThat(r.label()).isEqualTo(ClipLabel.of("savee", speaker, Gender.MALE, label));
  }

  @Test
  void saveeReportsUnknownCodesAndLooseFiles() {
    assertThat(read(new SaveeNames(), "DC_x01.wav").problem()).contains("emotion code must be one of");
    assertThat(read(new SaveeNames(), "a01.wav").problem()).contains("not a SAVEE name");
    assertThat(read(new SaveeNames(), "XY/a01.wav").problem()).contains("not a SAVEE name");
  }

  @ParameterizedTest
  @CsvSource({
      "1001_DFA_ANG_XX.wav, angry, 1001",
      "1002_IEO_DIS_HI.wav, disgust, 1002",
      "1091_TIE_FEA_LO.wav, fear, 1091",
      "1050_WSI_HAP_MD.wav, happy, 1050",
      "1010_ITS_NEU_XX.wav, neutral, 1010",
      "1011_MTI_SAD_XX.wav, sad, 1011",
  })
  void cremaDReadsEveryEmotionCode(String name, String label, String speaker) {
    NameReading r = read(new CremaDNames(), name);
    assertThat(r.problem()).isNull();
    assertThat(r.label()).isEqualTo(ClipLabel.of("crema-d", speaker, Gender.UNKNOWN, label));
  }

  @ParameterizedTest
  @CsvSource({
      "1000_DFA_ANG_XX.wav, speaker must be 1001..1091",
      "1001_ABC_ANG_XX.wav, unknown sentence code",
      "1001_DFA_CAL_XX.wav, emotion must be",
      "1001_DFA_ANG_ZZ.wav, level must be",
  })
  void cremaDReportsBadFields(String name, String reason) {
    assertThat(read(new CremaDNames(), name).problem()).contains(reason);
  }

  @Test
  void emoDbReadsEveryEmotionLetterAndKnowsSpeakerGenders() {
    Map<String, String> letters = Map.of("W", "angry", "L", "boredom", "E", "disgust", "A", "fear", "F", "happy",
        "T", "sad", "N", "neutral");
    letters.forEach((letter, label) -> {
      NameReading r = read(new EmoDbNames(), "03a01" + letter + "a.wav");
      assertThat(r.problem()).as(letter).isNull();
      assertThat(r.label()).isEqualTo(ClipLabel.of("emodb", "03", Gender.MALE, label));
    });
    assertThat(read(new EmoDbNames(), "08b10Wb.wav").label().gender()).isEqualTo(Gender.FEMALE);
    assertThat(read(new EmoDbNames(), "16a07Fc.wav").label().gender()).isEqualTo(Gender.FEMALE);
    assertThat(read(new EmoDbNames(), "15b03Ta.wav").label().gender()).isEqualTo(Gender.MALE);
  }

  @ParameterizedTest
  @CsvSource({
      "05a01Wa.wav, speaker must be one of",
      "03a03Wa.wav, unknown text code",
      "03a01Xa.wav, emotion letter must be",
      "03a01W.wav, not an EmoDB name",
  })
  void emoDbReportsBadFields(String name, String reason) {
    assertThat(read(new EmoDbNames(), name).problem()).contains(reason);
  }

  @Test
  void folderLayoutReadsEmotionFoldersAndOptionalSpeakerFolders() {
    FolderLayout r = new FolderLayout();
    assertThat(read(r, "Angry/take1.wav").label()).isEqualTo(ClipLabel.of("corpus", Clip.UNKNOWN_SPEAKER, Gender.UNKNOWN, "angry"));
    assertThat(read(r, "surprised/anna/x.wav").label()).isEqualTo(ClipLabel.of("corpus", "anna", Gender.UNKNOWN, "surprise"));
    assertThat(read(r, "fearful/a.wav").label().label()).isEqualTo("fear");
    assertThat(read(r, "joyful/a.wav").problem()).contains("folder 'joyful' is not an emotion name");
    assertThat(read(r, "a.wav").problem()).contains("not in the folder layout");
    assertThat(read(r, "sad/a/b/c.wav").problem()).contains("not in the folder layout");
  }

  @ParameterizedTest
  @CsvSource({
      "f1/dis-f1-b1.wav, disgust, f1, FEMALE",
      "gio-f2-l4.wav, happy, f2, FEMALE",
      "m1/neu-m1-n5.wav, neutral, m1, MALE",
      "pau-m2-d1.wav, fear, m2, MALE",
      "rab-m3-b3.wav, angry, m3, MALE",
      "SOR-F3-N1.wav, surprise, f3, FEMALE",
      "x/tri-f1-l1.wav, sad, f1, FEMALE",
  })
  void emovoReadsEveryEmotionCode(String name, String label, String speaker, Gender gender) {
    NameReading r = read(new EmovoNames(), name);
    assertThat(r.problem()).isNull();
    assertThat(r.label()).isEqualTo(ClipLabel.of("emovo", speaker, gender, label));
  }

  @ParameterizedTest
  @CsvSource({
      "abc-f1-b1.wav, emotion code must be one of dis, gio, neu, pau, rab, sor, tri; got 'abc'",
      "dis-f4-b1.wav, not a EMOVO name",
      "dis-x1-b1.wav, not a EMOVO name",
      "dis_f1_b1.wav, not a EMOVO name",
      "03a01Wa.wav, not a EMOVO name",
  })
  void emovoReportsBadNames(String name, String reason) {
    assertThat(read(new EmovoNames(), name).problem()).contains(reason);
  }

  @ParameterizedTest
  @CsvSource({
      "liuchanhg/angry/201.wav, angry, liuchanhg, FEMALE",
      "casia/zhaoquanyin/fear/202.wav, fear, zhaoquanyin, FEMALE",
      "wangzhe/happy/203.wav, happy, wangzhe, MALE",
      "ZhaoZuoxiang/neutral/204.wav, neutral, ZhaoZuoxiang, MALE",
      "wangzhe/Sad/205.wav, sad, wangzhe, MALE",
      "wangzhe/surprise/206.wav, surprise, wangzhe, MALE",
  })
  void casiaReadsEveryEmotionFolder(String name, String label, String speaker, Gender gender) {
    NameReading r = read(new CasiaNames(), name);
    assertThat(r.problem()).isNull();
    assertThat(r.label()).isEqualTo(ClipLabel.of("casia", speaker, gender, label));
  }

  @ParameterizedTest
  @CsvSource({
      "wangzhe/disgust/201.wav, emotion folder must be one of angry, fear, happy, neutral, sad, surprise; got 'disgust'",
      "anna/angry/201.wav, not a CASIA path",
      "wangzhe/angry/take1.wav, not a CASIA path",
      "angry/201.wav, not a CASIA path",
  })
  void casiaReportsBadPaths(String name, String reason) {
    assertThat(read(new CasiaNames(), name).problem()).contains(reason);
  }

  @ParameterizedTest
  @CsvSource({
      "EB0_anger_1.wav, angry, EB0",
      "x/IC0_fear_12.wav, fear, IC0",
      "KD0_happiness_3.wav, happy, KD0",
      "MP0_neutral_90.wav, neutral, MP0",
      "SM0_sadness_7.wav, sad, SM0",
      "WR0_surprised_8.wav, surprise, WR0",
  })
  void nemoReadsEveryEmotionWord(String name, String label, String speaker) {
    NameReading r = read(new NemoNames(), name);
    assertThat(r.problem()).isNull();
    assertThat(r.label()).isEqualTo(ClipLabel.of("nemo", speaker, Gender.UNKNOWN, label));
  }

  @ParameterizedTest
  @CsvSource({
      "EB0_disgust_1.wav, emotion must be one of anger, fear, happiness, neutral, sadness, surprised; got 'disgust'",
      "OAF_back_angry.wav, not a nEMO name",
      "EB0_anger.wav, not a nEMO name",
      "eb0_anger_1.wav, not a nEMO name",
  })
  void nemoReportsBadNames(String name, String reason) {
    assertThat(read(new NemoNames(), name).problem()).contains(reason);
  }

  @Test
  void eachNamedCorpusKnowsItsLanguage() {
    assertThat(CorpusKind.RAVDESS.language()).contains("English");
    assertThat(CorpusKind.EMODB.language()).contains("German");
    assertThat(CorpusKind.EMOVO.language()).contains("Italian");
    assertThat(CorpusKind.CASIA.language()).contains("Mandarin");
    assertThat(CorpusKind.NEMO.language()).contains("Polish");
    assertThat(CorpusKind.FOLDER.language()).isEmpty();
    for (CorpusKind k : CorpusKind.values()) {
      assertThat(k.language().isPresent()).as(k.cliName()).isEqualTo(k.byFileName());
    }
    // A manifest's dataset column names the corpus the same way.
    assertThat(CorpusKind.languageOf("EMOVO")).contains("Italian");
    assertThat(CorpusKind.languageOf("crema_d")).contains("English");
    assertThat(CorpusKind.languageOf("my-recordings")).isEmpty();
  }

  @Test
  void everyCorpusKindParsesItsCliName() {
    for (CorpusKind k : CorpusKind.values()) {
      assertThat(CorpusKind.parse(k.cliName())).isEqualTo(k);
    }
    assertThat(CorpusKind.parse("CREMA_D")).isEqualTo(CorpusKind.CREMA_D);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CorpusKind.parse("iemocap"))
        .hasMessageContaining("unknown corpus kind 'iemocap'");
  }

  @Test
  void neutralPolicyDecidesNeutralAndAlwaysDropsBoredom() {
    assertThat(NeutralPolicy.DROP.classify("neutral")).isEmpty();
    assertThat(NeutralPolicy.CALM.classify("neutral")).contains(Emotion.CALM);
    assertThat(NeutralPolicy.KEEP.classify("neutral")).contains(Emotion.NEUTRAL);
    for (NeutralPolicy p : NeutralPolicy.values()) {
      assertThat(p.classify("boredom")).isEmpty();
      assertThat(p.classify("surprise")).contains(Emotion.SURPRISE);
    }
  }
}
