/**
 * ML2O and GML2O (Yang, Yang and Tang, "Learning to optimize by multi-gradient for multi-objective
 * optimization", seed 004): a learned optimizer that maps the m task gradients to an update through
 * per-objective LSTMs, a shared LSTM and a linear head, applied coordinate-wise with its weights Θ
 * shared over coordinates ({@link org.multigrad.l2o.Ml2o}); its weights and their JSON file
 * ({@link org.multigrad.l2o.Ml2oNetwork}, {@link org.multigrad.l2o.Ml2oWeightsFile}); and the guard
 * of eq. (29) that accepts a proposal only when it beats a DSSMG or MGDA fallback step
 * ({@link org.multigrad.l2o.Gml2o}, Algorithms 2 and 3).
 */
package org.multigrad.l2o;
