package org.multigrad.cli;

import picocli.CommandLine.Command;

/** {@code multigrad l2o}: the learned multi-gradient optimizer ML2O and its guard GML2O (Yang, Yang & Tang). */
@Command(name = "l2o", mixinStandardHelpOptions = true,
        description = "ML2O, a learned multi-gradient optimizer, and GML2O, its guarded version (Yang, Yang & Tang).",
        subcommands = {L2oInitCommand.class, L2oMetaTrainCommand.class, L2oTableCommand.class})
final class L2oCommand {
}
