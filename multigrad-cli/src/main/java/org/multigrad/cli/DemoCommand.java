package org.multigrad.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.multigrad.api.Aggregation;
import org.multigrad.api.Gramian;
import org.multigrad.api.Jacobian;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.registry.MethodRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code multigrad demo}: aggregates a built-in conflicting Jacobian with every registered method
 * (default parameters) and prints, per method, the weights, the direction and each objective's
 * first-order decrease rate ⟨g_i, d⟩ along the step −d.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Aggregate a built-in conflicting 3-objective Jacobian with every method and compare them.")
final class DemoCommand implements Callable<Integer> {
    /**
     * Three objectives on four parameters: g1 and g2 conflict (cos < 0), g3 is three times longer
     * than the others, so the mean is dominated by it and one objective gets worse.
     */
    static final double[][] JACOBIAN = {
        {1.0, 0.2, -0.5, 0.0},
        {-0.8, 1.0, 0.3, 0.1},
        {0.3, -1.2, 0.6, 2.4},
    };
    static final double[] LOSSES = {0.9, 1.4, 0.6};

    @Spec
    CommandSpec spec;

    @Option(names = "--methods", split = ",", paramLabel = "NAME",
            description = "methods to compare (default: every method whose parameters all have defaults)")
    List<String> methods;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Jacobian jacobian = Jacobian.of(JACOBIAN);
        Gramian gramian = jacobian.gramian();
        int m = jacobian.objectives();
        out.println("Built-in Jacobian J (rows = gradients g_i of 3 objectives, 4 parameters), losses "
                + Format.vector(LOSSES, 2) + ":");
        for (int i = 0; i < m; i++) {
            out.printf("  g%d = %s   |g%d| = %.3f%n", i + 1, Format.vector(jacobian.row(i), 2), i + 1,
                    Math.sqrt(gramian.get(i, i)));
        }
        out.println("Pairwise cosines (negative = conflict):");
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                out.printf("  cos(g%d, g%d) = %+.3f%n", i + 1, j + 1,
                        gramian.get(i, j) / Math.sqrt(gramian.get(i, i) * gramian.get(j, j)));
            }
        }
        out.println();
        out.println("Step: x <- x - lr * d. Rate_i = <g_i, d> is the first-order decrease of objective i per unit lr;");
        out.println("a negative rate means objective i gets worse.");
        out.println();
        String header = String.format("%-12s %-24s %-32s %-26s %s", "method", "weights", "direction d",
                "rates <g_i, d>", "min rate");
        out.println(header);
        out.println("-".repeat(header.length()));
        for (MethodSpec method : selected()) {
            try {
                Aggregation result = method.create(Map.of()).aggregate(jacobian, LOSSES);
                double[] rates = new double[m];
                double minRate = Double.POSITIVE_INFINITY;
                for (int i = 0; i < m; i++) {
                    double rate = 0;
                    for (int k = 0; k < jacobian.parameters(); k++) {
                        rate += jacobian.get(i, k) * result.direction()[k];
                    }
                    rates[i] = rate;
                    minRate = Math.min(minRate, rate);
                }
                out.printf("%-12s %-24s %-32s %-26s %+.3f%s%n", method.name(),
                        result.weights() == null ? "(coordinate-wise)" : Format.vector(result.weights(), 3),
                        Format.vector(result.direction(), 3), Format.vector(rates, 3), minRate,
                        minRate < 0 ? "  <- conflict" : "");
            } catch (IllegalArgumentException e) {
                out.printf("%-12s (not run: %s)%n", method.name(), e.getMessage());
            }
        }
        out.println();
        out.println("Next: 'multigrad list' describes every method; 'multigrad aggregate' takes your own Jacobians.");
        out.flush();
        return 0;
    }

    private List<MethodSpec> selected() {
        List<MethodSpec> chosen = new ArrayList<>();
        if (methods != null) {
            for (String name : methods) {
                chosen.add(MethodRegistry.get(name));
            }
            return chosen;
        }
        for (MethodSpec method : MethodRegistry.all()) {
            // the demo has gradients and losses only: methods that need Hessians (camoo) are left out
            if (!method.needsCurvature()
                    && method.params().stream().map(ParamSpec::defaultValue).allMatch(java.util.Objects::nonNull)) {
                chosen.add(method);
            }
        }
        return chosen;
    }
}
