package org.multigrad.spark;

import java.io.Serializable;

/**
 * One training row: its position in the data set ({@code index}, from 0 in file order; it decides the
 * row's partition and whether a mini-batch holds it), its features a, its label y (a class index
 * for logistic models, the target for linear regression) and its group (an index into the declared
 * groups, 0 when the objectives are per label).
 */
public record Example(long index, double[] features, double label, int group) implements Serializable {
}
