/**
 * Tensor helpers below every other package of the DJL module: constants whose memory PyTorch owns
 * ({@link org.multigrad.djl.tensor.OwnedTensors}), safe to keep in an autograd graph.
 */
package org.multigrad.djl.tensor;
