package org.multigrad.cli;

import java.io.ByteArrayInputStream;
import java.util.concurrent.Callable;
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
            MobloCommand.class,
            L2oCommand.class,
            CommandLine.HelpCommand.class
        })
public final class MultiGradCli implements Callable<Integer> {
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
        if (StandardInput.wasClosedAtStart()) {
            System.setIn(new ByteArrayInputStream(new byte[0]));
        }
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new MultiGradCli());
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            String message = UserErrors.message(exception);
            if (message == null) {
                throw exception;
            }
            cmd.getErr().println(cmd.getCommandName() + ": " + message);
            cmd.getErr().flush();
            return 2;
        });
        return commandLine;
    }

    /** Without a command there is nothing to do: the usage goes to standard error, exit status 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().flush();
        return 2;
    }
}
