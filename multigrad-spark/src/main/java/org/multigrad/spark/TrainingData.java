package org.multigrad.spark;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * Rows laid out by {@link RowLayout} (contiguous index ranges, in index order within a partition),
 * with what the model needs to know of them.
 *
 * @param rows the rows, one RDD partition per layout partition
 * @param layout N rows in P partitions
 * @param features d
 * @param classes C for logistic models (labels 0..C−1), 0 for linear regression
 * @param groups the group names in objective order (empty for per-label objectives)
 */
public record TrainingData(JavaRDD<Example> rows, RowLayout layout, int features, int classes, List<String> groups) {
    public TrainingData {
        groups = List.copyOf(groups);
    }
}
