package org.multigrad.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --no-plot} of the experiment commands; {@code --no-plots} is its deprecated spelling. */
final class PlotOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--no-plot", description = "do not write the PNG figures (formerly --no-plots)")
    boolean noPlot;

    @Option(names = "--no-plots", hidden = true)
    void noPlots(boolean value) {
        if (value) {
            Deprecation.note(command, "--no-plots", "--no-plot");
            noPlot = true;
        }
    }
}
