/**
 * Every multi-objective method, one class each, whose doc comment gives its formula and paper:
 * Gramian-based weightings (MGDA, CAGrad, PCGrad, IMTL-G, Nash-MTL, Aligned-MTL, UPGrad, ...),
 * loss-based weightings (UW, DWA, FAMO, GradNorm, ...), coordinate-wise aggregators (GradDrop,
 * DB-MTL), MoCo, the AMOO weightings (CAMOO, PAMOO) and the wrappers that take any weighting
 * (CR-MOGM smoothing, periodic recomputation). Methods never import the registry.
 */
package org.multigrad.method;
