/**
 * MOBLO on DJL: the multi-task data hyper-cleaning experiment of Ye's thesis (§3.7.1, Table 3.2).
 * {@link org.multigrad.djl.moblo.HyperCleaningData} builds the noisy splits of MNIST and
 * Fashion-MNIST, {@link org.multigrad.djl.moblo.HyperCleaningProblem} is the
 * {@link org.multigrad.bilevel.BilevelProblem} (an MLP with one head per dataset, per-sample weights
 * σ(α)) that the core drivers solve, and {@link org.multigrad.djl.moblo.HyperCleaningStudy} is the
 * service behind {@code multigrad moblo hyper-cleaning} (runs, val2 selection, test scores, resume).
 */
package org.multigrad.djl.moblo;
