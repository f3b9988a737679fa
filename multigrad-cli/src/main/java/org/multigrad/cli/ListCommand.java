package org.multigrad.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.method.spec.Property;
import org.multigrad.registry.MethodRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code multigrad list}: every method with its parameters, defaults, reference and properties. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List every method with its parameters, defaults, description, paper reference and properties.")
final class ListCommand implements Callable<Integer> {
    enum Format { text, markdown, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "text", description = "text (default), markdown (the docs table) or json")
    Format format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case markdown:
                out.print(markdown());
                break;
            case json:
                out.println(json());
                break;
            default:
                out.print(text());
        }
        out.flush();
        return 0;
    }

    static String text() {
        StringBuilder text = new StringBuilder();
        for (MethodSpec method : MethodRegistry.all()) {
            text.append(method.name()).append("  ").append(method.summary()).append('\n');
            text.append("    reference:  ").append(method.reference()).append('\n');
            text.append("    properties: ").append(properties(method)).append('\n');
            text.append("    inputs:     ").append(inputs(method)).append('\n');
            text.append("    state:      ").append(state(method)).append("; ").append(randomness(method)).append('\n');
            text.append("    cost:       ").append(method.cost()).append('\n');
            if (!method.notes().isEmpty()) {
                text.append("    notes:      ").append(method.notes()).append('\n');
            }
            for (ParamSpec<?> param : method.params()) {
                text.append(String.format("    --param %s=%s  %s; %s%n", param.name(), param.defaultText(),
                        param.description(), param.constraint()));
            }
            text.append('\n');
        }
        text.append("Wrappers: wrap any weighting as wrapper(method), e.g. cr-mogm(mgda); their parameters come first\n\n");
        for (org.multigrad.method.spec.WrapperSpec wrapper : org.multigrad.registry.Wrappers.all()) {
            text.append(wrapper.name()).append("(METHOD)  ").append(wrapper.summary()).append('\n');
            text.append("    reference:  ").append(wrapper.reference()).append('\n');
            text.append("    state:      ").append(wrapper.state()).append('\n');
            text.append("    cost:       ").append(wrapper.cost()).append(", on top of the method's").append('\n');
            for (ParamSpec<?> param : wrapper.params()) {
                text.append(String.format("    --param %s=%s  %s; %s%n", param.name(), param.defaultText(),
                        param.description(), param.constraint()));
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** The generated method table of docs/methods.md. */
    static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("| method | description | input needed | state | randomness | non-conflicting | permutation-invariant"
                + " | scale behaviour | cost per step | parameters (default) | properties | reference |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (MethodSpec method : MethodRegistry.all()) {
            String params = method.params().isEmpty() ? "" : method.params().stream()
                    .map(p -> "`" + p.name() + "` = " + p.defaultText() + " (" + p.constraint() + ")")
                    .collect(Collectors.joining("<br>"));
            String properties = properties(method) + (method.notes().isEmpty() ? "" : "; " + method.notes());
            List<String> cells = List.of("`" + method.name() + "`", escape(method.summary()), inputs(method),
                    escape(state(method)), randomness(method), yesNo(method, Property.NON_CONFLICTING),
                    yesNo(method, Property.PERMUTATION_INVARIANT), scale(method), escape(method.cost()), escape(params),
                    escape(properties), escape(method.reference()));
            md.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        return md.toString();
    }

    private static String inputs(MethodSpec method) {
        return method.inputs().stream().map(MethodSpec.Input::label).collect(Collectors.joining(", "));
    }

    private static String state(MethodSpec method) {
        return method.state().isEmpty() ? "stateless" : "stateful: " + method.state();
    }

    private static String randomness(MethodSpec method) {
        return method.isStochastic() ? "stochastic (seeded)" : "deterministic";
    }

    /** Claimed properties only; conditions (e.g. "for c >= 1") are in the notes. */
    private static String yesNo(MethodSpec method, Property property) {
        return method.has(property) ? "yes" : "no";
    }

    /** Only the claimed (and tested) property; anything finer is in the notes. */
    private static String scale(MethodSpec method) {
        return method.has(Property.SCALE_INVARIANT_WEIGHTS) ? "weights invariant, d scales with J"
                : "no invariance claimed (see notes)";
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|");
    }

    private static String properties(MethodSpec method) {
        return method.properties().isEmpty() ? "none claimed"
                : method.properties().stream().map(Property::label).collect(Collectors.joining(", "));
    }

    static String json() {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode methods = mapper.createArrayNode();
        for (MethodSpec method : MethodRegistry.all()) {
            ObjectNode node = methods.addObject();
            node.put("name", method.name());
            node.put("summary", method.summary());
            node.put("reference", method.reference());
            node.put("notes", method.notes());
            ArrayNode inputs = node.putArray("inputs");
            method.inputs().forEach(input -> inputs.add(input.label()));
            node.put("state", method.state());
            node.put("stochastic", method.isStochastic());
            node.put("cost", method.cost());
            ArrayNode properties = node.putArray("properties");
            method.properties().forEach(p -> properties.add(p.label()));
            ArrayNode params = node.putArray("params");
            for (ParamSpec<?> param : method.params()) {
                ObjectNode p = params.addObject();
                p.put("name", param.name());
                p.put("type", param.type().name().toLowerCase(java.util.Locale.ROOT));
                p.put("default", param.defaultText());
                p.put("constraint", param.constraint());
                p.put("description", param.description());
            }
        }
        return methods.toString();
    }
}
