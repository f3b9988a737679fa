package org.multigrad.cli;

import picocli.CommandLine.Model.CommandSpec;

/** The one-line note on standard error for an old option spelling that still works. */
final class Deprecation {
    private Deprecation() {
    }

    static void note(CommandSpec command, String old, String replacement) {
        command.commandLine().getErr().println(command.name() + ": " + old + " is deprecated; use " + replacement);
        command.commandLine().getErr().flush();
    }
}
