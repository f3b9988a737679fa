package org.multigrad.weighting;

/**
 * A stateful method whose state can be written into a training checkpoint and restored exactly, so
 * that a resumed run produces the same weights, bit for bit, as an uninterrupted one. The state is
 * opaque bytes; it is only meaningful to an instance created with the same parameters.
 */
public interface Checkpointable {
    /** The current state. */
    byte[] saveState();

    /** Restores a state returned by {@link #saveState()} of an instance with the same parameters. */
    void restoreState(byte[] state);
}
