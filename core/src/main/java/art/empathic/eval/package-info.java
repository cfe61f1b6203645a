/**
 * Evaluation: metrics equal to scikit-learn's, the classification report, confusion matrices,
 * Keras-style architecture summaries, charts, and the Markdown/HTML reports of one run
 * ({@link art.empathic.eval.RunReport}) and of a whole study ({@link art.empathic.eval.StudyReport}).
 *
 * <p>Everything here works from the files of a run directory (see {@link
 * art.empathic.eval.RunDirectory}), so it needs no deep-learning engine.
 */
package art.empathic.eval;
