package org.multigrad.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --quiet} of the experiment commands: no progress bar; {@code --no-progress} is its deprecated spelling. */
final class QuietOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--quiet", description = "no progress bar on standard error (formerly --no-progress)")
    boolean quiet;

    @Option(names = "--no-progress", hidden = true)
    void noProgress(boolean value) {
        if (value) {
            Deprecation.note(command, "--no-progress", "--quiet");
            quiet = true;
        }
    }
}
