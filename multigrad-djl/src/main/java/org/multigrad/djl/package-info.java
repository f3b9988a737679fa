/**
 * Multi-task training on DJL's PyTorch engine, with any MultiGrad method as the step rule. A
 * hard-parameter-sharing {@link org.multigrad.djl.MultiTaskModel} (shared trunk θ_shared, one head
 * per task) gives m losses; {@link org.multigrad.djl.DjlJacobianSource} takes one backward per task
 * through the kept graph into the Jacobian J = [∂L_i/∂θ_shared] (or of the shared representation, MGDA-UB,
 * Sener and Koltun 2018), the method returns d = Jᵀλ, and
 * {@link org.multigrad.djl.MultiTaskStepper} installs d as the shared parameters' gradient before the
 * optimizer steps (x ← x − lr·d). {@link org.multigrad.djl.MultiTaskTraining} is the epoch loop with
 * bit-exact checkpoints; {@link org.multigrad.djl.DjlRuntime} starts the engine offline with
 * libtorch's oneDNN convolutions off.
 */
package org.multigrad.djl;
