/**
 * Numerical passes over row-major arrays, the bottom layer: the Gramian G = J·Jᵀ in one cache-blocked pass
 * (scalar, or explicit SIMD through the incubating Vector API when the JVM has it) and the combination
 * d = Jᵀλ, split over the machine's cores for large n. Knows nothing of methods.
 */
package org.multigrad.kernel;
