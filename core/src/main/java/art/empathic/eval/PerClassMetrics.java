package art.empathic.eval;

/**
 * Precision, recall, F1 and support of one class, as scikit-learn's
 * {@code precision_recall_fscore_support(..., average=None)} gives them.
 *
 * @param support number of test clips whose true label is this class
 */
public record PerClassMetrics(double precision, double recall, double f1, long support) {}
