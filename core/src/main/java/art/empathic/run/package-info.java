/**
 * The run directory: the files a training run, an evaluation or a fusion writes
 * ({@code spec.json}, {@code history.json}, {@code summary.json}, {@code metrics.json},
 * {@code predictions.csv}, ...), their schema records, and how they are read back.
 */
package art.empathic.run;
