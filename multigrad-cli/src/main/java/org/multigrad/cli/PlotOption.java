package org.multigrad.cli;

import picocli.CommandLine.Option;

/** {@code --no-plot} ({@code --no-plots} is the same option) of the experiment commands. */
final class PlotOption {
    @Option(names = {"--no-plot", "--no-plots"}, description = "do not write the PNG figures")
    boolean noPlot;
}
