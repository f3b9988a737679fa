package org.multigrad.cli;

import org.multigrad.experiment.SolveExperiment;

/** Feeds a solve's steps to the {@link Progress} display, labelled with the method and seed running. */
final class StepProgress implements SolveExperiment.Listener {
    private final Progress progress;
    private String method;
    private long seed = -1;

    StepProgress(Progress progress) {
        this.progress = progress;
    }

    @Override
    public void step(String stepMethod, long stepSeed) {
        if (!stepMethod.equals(method) || stepSeed != seed) {
            method = stepMethod;
            seed = stepSeed;
            progress.label(stepMethod + " seed " + stepSeed);
        }
        progress.advance(1);
    }
}
