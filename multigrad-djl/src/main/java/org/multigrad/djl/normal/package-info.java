/**
 * NORMAL (Ye et al., "Multi-Task Learning via Time-aware Neural ODE", IJCAI 2023; thesis Ch. 5):
 * a shared heavy-ball neural ODE after the trunk, read by each task at its own learned time p_i.
 * The block ({@link org.multigrad.djl.normal.HeavyBallOdeBlock}), its explicit Euler integrator
 * ({@link org.multigrad.djl.normal.HeavyBallOde}, {@link org.multigrad.djl.normal.EulerGrid}) and
 * the position gradient (5.11) ({@link org.multigrad.djl.normal.PositionGradient}).
 */
package org.multigrad.djl.normal;
