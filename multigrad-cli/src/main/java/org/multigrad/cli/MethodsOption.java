package org.multigrad.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --methods a,b} ({@code --method} is the same option) of the experiment commands. */
final class MethodsOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    // a comma inside parentheses belongs to a wrapper's argument: cr-mogm(mgda),cagrad is two methods
    @Option(names = {"--methods", "--method"}, split = ",(?![^(]*\\))", splitSynopsisLabel = ",", paramLabel = "M",
            description = "methods, comma-separated (--methods and --method are one option)")
    List<String> methods;

    /** The listed methods; without --methods, a usage error. */
    List<String> required() {
        if (methods == null) {
            throw new ParameterException(command.commandLine(), "Missing required option: '--methods=M'");
        }
        return methods;
    }

    /** The listed methods, or {@code fallback} without --methods. */
    List<String> orElse(List<String> fallback) {
        return methods == null ? fallback : methods;
    }
}
