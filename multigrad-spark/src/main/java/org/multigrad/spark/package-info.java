/**
 * MultiGrad on Apache Spark: data-parallel multi-objective training. A {@link
 * org.multigrad.spark.GradientFunction} gives each partition's per-objective loss and gradient sums,
 * {@link org.multigrad.spark.SparkDescent} adds them on the driver in partition order, builds the
 * core's Jacobian and steps with any registered method and the core's optimizers, with checkpoints
 * that resume bit for bit; {@link org.multigrad.spark.Main} is the {@code multigrad-spark} command.
 * Spark is a provided dependency: the core never sees it.
 */
package org.multigrad.spark;
