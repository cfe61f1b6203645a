/**
 * Evaluation metrics: scores equal to scikit-learn's (accuracy, F1, UAR, log loss, confusion
 * matrices), cross-corpus restrictions, the new-voices scores ({@code VoiceScore}, {@code
 * DecisionScore}: how a clip with no voice heard counts, which classes macro-F1 averages) and the
 * text classification report; the one owner of these metrics. Pure arithmetic on
 * labels and probabilities: no files, no deep-learning engine. The files of a run directory
 * are {@code art.empathic.run}'s; the HTML/Markdown reports are {@code art.empathic.report}'s.
 */
package art.empathic.eval;
