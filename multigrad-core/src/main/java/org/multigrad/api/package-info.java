/**
 * The API every method and every training loop shares: {@link org.multigrad.api.Jacobian} (m x n),
 * {@link org.multigrad.api.Gramian} (m x m), {@link org.multigrad.api.Weighting} (what a step knows to
 * weights λ), {@link org.multigrad.api.Aggregator} (J to a direction d, with the weights it used),
 * the per-step input {@link org.multigrad.api.WeightingInput}, {@link org.multigrad.api.Curvature},
 * the training-loop {@link org.multigrad.api.TrainingHooks} and {@link org.multigrad.api.Checkpoints}.
 * Imports only {@code kernel}. Convention: the direction has the sign of a gradient, x ← x − lr·d.
 */
package org.multigrad.api;
