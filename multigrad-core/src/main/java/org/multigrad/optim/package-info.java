/**
 * First-order update rules on small double vectors: SGD and Adam for the trainable parameters that
 * some methods own (UW, GradNorm, IMTL, FAMO) and for the descent on analytic problems, and step-size
 * schedules.
 */
package org.multigrad.optim;
