package org.multigrad.method.spec;

/**
 * Properties a method may claim. Each claim is checked by the shared property tests for every
 * registered method that declares it.
 */
public enum Property {
    /** J·d ≥ 0: a small step along −d does not increase any objective to first order. */
    NON_CONFLICTING("non-conflicting", "J·d >= 0: no objective increases to first order"),
    /** Permuting the rows of J leaves d unchanged (and permutes the weights). */
    PERMUTATION_INVARIANT("permutation-invariant", "permuting the objectives leaves the direction unchanged"),
    /** λ ≥ 0 and Σλ = 1. */
    SIMPLEX_WEIGHTS("simplex-weights", "weights are >= 0 and sum to 1"),
    /** Scaling J by α > 0 leaves λ unchanged (so d scales by α). */
    SCALE_INVARIANT_WEIGHTS("scale-invariant-weights", "scaling all gradients by a > 0 leaves the weights unchanged"),
    /** Same input, same output; no hidden randomness or state. */
    DETERMINISTIC("deterministic", "same input gives the same output"),
    /** Keeps state between calls (reset() clears it). */
    STATEFUL("stateful", "keeps state between steps; reset() clears it");

    private final String label;
    private final String meaning;

    Property(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    public String label() {
        return label;
    }

    public String meaning() {
        return meaning;
    }
}
