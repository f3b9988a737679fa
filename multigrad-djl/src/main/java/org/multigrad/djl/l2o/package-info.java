/**
 * ML2O on DJL (seed 004, section 3): the network's forward pass on tensors ({@link org.multigrad.djl.l2o.Ml2oTensors},
 * same weights layout as the core's {@code Ml2oNetwork}) and its first-order meta-training by truncated
 * backpropagation through time ({@link org.multigrad.djl.l2o.UnrolledWindow}, {@link org.multigrad.djl.l2o.MetaTraining}).
 */
package org.multigrad.djl.l2o;
