package org.multigrad.cli;

import picocli.CommandLine.Command;

/** {@code multigrad moblo}: multi-objective bi-level optimisation (FORUM, MOML; Ye's thesis, Ch. 3). */
@Command(name = "moblo", mixinStandardHelpOptions = true,
        description = "Multi-objective bi-level optimisation: FORUM and MOML (Ye's thesis, Ch. 3).",
        subcommands = {MobloSyntheticCommand.class, MobloHyperCleaningCommand.class, MobloCostCommand.class})
final class MobloCommand {
}
