package org.multigrad.solve;

import org.multigrad.registry.MethodRegistry;

/** A solver that imports the registry, two layers above it: LayeringTest's rules must reject it. */
final class UpwardImportFixture {
    private UpwardImportFixture() {
    }

    static int methods() {
        return MethodRegistry.all().size();
    }
}
