/**
 * The neural experiment of AMOO (Efroni et al., "Aligned Multi-Objective Optimization", OPT 2024
 * workshop version, Sec. 4 and App. C): m = 10 quadratic losses of a 2-layer ReLU student against a
 * random teacher, objectives aligned so that they share an optimum. A student is trained with equal
 * weights, CAMOO or PAMOO under SGD or Adam ({@link org.multigrad.djl.amoo.StudentRun}), over a grid of
 * optimizers, noise levels σ, methods and learning rates ({@link org.multigrad.djl.amoo.TeacherStudentGrid}),
 * and the best learning rate per setting is chosen on training loss as the paper does
 * ({@link org.multigrad.djl.amoo.LearningRateSelection}). The network and its exact gradients are plain
 * Java ({@link org.multigrad.djl.amoo.Mlp}).
 */
package org.multigrad.djl.amoo;
