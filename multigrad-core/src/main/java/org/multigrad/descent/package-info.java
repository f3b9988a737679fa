/**
 * Multi-objective descent on analytic problems: the descent loop (deterministic, stochastic with
 * sample schedules such as DSSMG's, or weighted), stopping rules, and what each step reports.
 */
package org.multigrad.descent;
