/**
 * Multi-objective descent on analytic problems: the one descent loop, {@link org.multigrad.descent.DescentDriver}
 * (deterministic, stochastic with sample schedules such as DSSMG's, or AMOO's weighted gradient
 * descent until a distance tolerance), stopping rules, and what each step reports.
 */
package org.multigrad.descent;
