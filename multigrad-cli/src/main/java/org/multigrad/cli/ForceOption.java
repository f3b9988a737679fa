package org.multigrad.cli;

import picocli.CommandLine.Option;

/** {@code --force} of the commands that write a new set of results into --out (see {@link OutputDirectory#replace}). */
final class ForceOption {
    /** The files an earlier run of these commands left in --out, replaced under --force. */
    static final String OUTPUTS = "*.{png,csv,json}";

    @Option(names = "--force", description = "write into an --out that already holds files, first deleting its *.png, *.csv"
            + " and *.json files (an earlier run's results); without it such an --out is refused")
    boolean force;
}
