package org.multigrad.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code -p METHOD.KEY=VALUE} or {@code -p KEY=VALUE} ({@code --param} is the same option): method parameters. */
final class ParamsOption {
    @Option(names = {"-p", "--param"}, paramLabel = "[M.]K=V",
            description = "method parameter, repeatable: cagrad.c=0.5 for one listed method, c=0.5 for every listed"
                    + " method that declares c (an error when none does)")
    Map<String, String> params = new LinkedHashMap<>();
}
