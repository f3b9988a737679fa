/**
 * Quality measures: Pareto stationarity (the min-norm point's norm), distance to a known Pareto set,
 * hypervolume, IGD, and mean ± sample standard deviation over seeds.
 */
package org.multigrad.metric;
