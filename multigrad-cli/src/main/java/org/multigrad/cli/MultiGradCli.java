package org.multigrad.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code multigrad} command. */
@Command(name = "multigrad",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Multi-objective gradient optimization and multi-task learning on the JVM.",
        subcommands = {
            DemoCommand.class,
            ListCommand.class,
            AggregateCommand.class,
            SolveCommand.class,
            AmooCommand.class,
            BlackboxCommand.class,
            TrainCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class MultiGradCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "also print the informational logs of DJL and PyTorch (default: warnings only)")
    void verbose(boolean on) {
        if (on) {
            Logging.verbose();
        }
    }

    public static void main(String[] args) {
        // DJL must never try the network: its PyTorch natives come from the jar (see TrainCommand).
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new MultiGradCli());
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if (exception instanceof IllegalArgumentException || exception instanceof java.io.UncheckedIOException) {
                cmd.getErr().println(cmd.getCommandName() + ": " + exception.getMessage());
                return 2;
            }
            throw exception;
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
