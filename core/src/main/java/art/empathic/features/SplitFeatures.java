package art.empathic.features;

import art.empathic.corpus.Split;

/** Features of the three parts of a split; only {@code train} may hold augmented copies. */
public record SplitFeatures(Split split, FeatureSet train, FeatureSet validation, FeatureSet test) {}
