/**
 * Small solvers on the m x m Gramian, shared by several methods: the simplex QP (min-norm point,
 * active set), the CAGrad dual, Nash bargaining, dual-cone projection, matrix games, symmetric
 * eigen-decompositions. They know the API's types, not the methods.
 */
package org.multigrad.solve;
