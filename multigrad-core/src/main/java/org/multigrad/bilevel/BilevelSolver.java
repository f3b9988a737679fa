package org.multigrad.bilevel;

/** An upper-level iteration scheme for a {@link BilevelProblem}: FORUM or MOML. */
public interface BilevelSolver {
    /** One upper-level iteration from the current state. */
    BilevelIterate step();

    /** A stable kebab-case name ("forum", "moml"). */
    String name();
}
