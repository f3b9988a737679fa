package org.multigrad.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.multigrad.api.Aggregation;
import org.multigrad.api.Aggregator;
import org.multigrad.api.WeightedAggregator;
import org.multigrad.api.Weighting;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.method.spec.WrapperSpec;
import org.multigrad.registry.MethodRegistry;
import org.multigrad.registry.Wrappers;
import org.multigrad.testing.Matrices;
import org.multigrad.testing.MethodAssertions;

/**
 * Ties every registered name to its typed options: each method class has a static
 * {@code options()} whose builder has one setter per declared parameter, builds (with no setter
 * called) the method that {@code SPEC.create(Map.of())} builds, and rejects a bad value with the
 * map route's message. Wrappers are checked the same way around MGDA.
 */
class MethodOptionsTest {
    private static final Weighting INNER = new Mgda();

    /** One method or wrapper, with its map route (raw values to an instance) and its builder route. */
    private record Subject(String name, List<ParamSpec<?>> params, MethodSpec runSpec,
                           Function<Map<String, Object>, Object> mapRoute, Class<?> type, boolean wrapper) {
        @Override
        public String toString() {
            return name;
        }

        Object newBuilder() {
            try {
                Method options = type.getMethod("options");
                assertTrue(Modifier.isStatic(options.getModifiers()), type.getSimpleName() + ".options() is not static");
                return options.invoke(null);
            } catch (NoSuchMethodException e) {
                throw new AssertionError(type.getSimpleName() + " (" + name + ") has no static options()", e);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }

        Object build(Object builder) throws Throwable {
            Method build = wrapper ? builder.getClass().getMethod("build", Weighting.class)
                    : builder.getClass().getMethod("build");
            Object built = unwrap(() -> wrapper ? build.invoke(builder, INNER) : build.invoke(builder));
            assertEquals(type, built.getClass(), name + ": build() returns the method's own class");
            return built;
        }

        /** The method's builder setter for {@code param}: named after it in camelCase, one argument. */
        Method setter(Object builder, ParamSpec<?> param) {
            String camel = camelCase(param.name());
            for (Method method : builder.getClass().getMethods()) {
                if (method.getName().equals(camel) && method.getParameterCount() == 1
                        && method.getReturnType() == builder.getClass()) {
                    return method;
                }
            }
            fail(type.getSimpleName() + ".options() has no setter " + camel + "(...) for parameter '" + param.name()
                    + "' of " + name);
            return null;
        }
    }

    static Stream<Subject> subjects() {
        List<Subject> subjects = new ArrayList<>();
        for (MethodSpec spec : MethodRegistry.all()) {
            Function<Map<String, Object>, Object> route = spec.isWeighting() ? spec::createWeighting : spec::create;
            Object sample = route.apply(MethodAssertions.testParams(spec, 3));
            subjects.add(new Subject(spec.name(), spec.params(), spec, route, sample.getClass(), false));
        }
        for (WrapperSpec wrapper : Wrappers.all()) {
            Function<Map<String, Object>, Object> route = raw -> wrapper.create(raw, INNER);
            subjects.add(new Subject(wrapper.name(), wrapper.params(), wrapper.wrap(Mgda.SPEC), route,
                    route.apply(Map.of()).getClass(), true));
        }
        return subjects.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void defaultOptionsBuildTheRegisteredMethod(Subject subject) throws Throwable {
        Map<String, Object> required = required(subject);
        Object builder = subject.newBuilder();
        if (!required.isEmpty()) {
            assertEquals(outcome(subject, () -> subject.mapRoute().apply(Map.of())),
                    outcome(subject, () -> subject.build(subject.newBuilder())),
                    subject + ": a missing required parameter fails alike");
        }
        for (Map.Entry<String, Object> entry : required.entrySet()) {
            ParamSpec<?> param = declared(subject, entry.getKey());
            invoke(subject.setter(builder, param), builder, typed(subject.setter(builder, param), entry.getValue()));
        }
        Object built = subject.build(builder);
        Object mapped = subject.mapRoute().apply(required);
        assertEquals(fingerprint(subject, mapped), fingerprint(subject, built),
                subject + ": options().build() and SPEC.create(Map.of()) differ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void everyParameterHasASetterWithTheSameRangeAndMessage(Subject subject) throws Throwable {
        Map<String, Object> required = required(subject);
        for (ParamSpec<?> param : subject.params()) {
            Method setter = subject.setter(subject.newBuilder(), param);
            Class<?> argument = setter.getParameterTypes()[0];
            if (argument.isEnum()) {
                assertEnumSetterCoversTheChoices(subject, param, setter, required);
                continue;
            }
            for (Object value : probes(param)) {
                Map<String, Object> raw = new HashMap<>(required);
                raw.put(param.name(), value);
                Object typedValue = typed(setter, value);
                String viaMap = outcome(subject, () -> subject.mapRoute().apply(raw));
                String viaBuilder = outcome(subject, () -> {
                    Object builder = subject.newBuilder();
                    for (Map.Entry<String, Object> entry : required.entrySet()) {
                        if (!entry.getKey().equals(param.name())) {
                            Method other = subject.setter(builder, declared(subject, entry.getKey()));
                            invoke(other, builder, typed(other, entry.getValue()));
                        }
                    }
                    invoke(setter, builder, typedValue);
                    return subject.build(builder);
                });
                assertEquals(viaMap, viaBuilder, subject + "." + param.name() + " = " + value);
            }
        }
    }

    /** Every enum constant builds what one of the declared choices builds, and together they cover all choices. */
    private static void assertEnumSetterCoversTheChoices(Subject subject, ParamSpec<?> param, Method setter,
                                                         Map<String, Object> required) throws Throwable {
        Set<String> viaChoices = new TreeSet<>();
        for (String choice : param.choices()) {
            Map<String, Object> raw = new HashMap<>(required);
            raw.put(param.name(), choice);
            viaChoices.add(outcome(subject, () -> subject.mapRoute().apply(raw)));
        }
        Set<String> viaEnum = new TreeSet<>();
        for (Object constant : setter.getParameterTypes()[0].getEnumConstants()) {
            viaEnum.add(outcome(subject, () -> {
                Object builder = subject.newBuilder();
                invoke(setter, builder, constant);
                return subject.build(builder);
            }));
        }
        assertEquals(viaChoices, viaEnum, subject + "." + param.name() + ": enum constants and choices differ");
    }

    /** Values of the parameter's type to try by both routes: out of range, and in range but not the default. */
    private static List<Object> probes(ParamSpec<?> param) {
        List<Object> values = new ArrayList<>();
        switch (param.type()) {
            case DOUBLE: {
                double def = (Double) param.defaultValue();
                values.add(param.minInclusive() ? param.min() - 1 : param.min());
                values.add(param.max() < Double.MAX_VALUE ? param.max() * 2 + 1 : Double.NaN);
                double toward = param.max() > def ? Math.min(param.max(), def + 1) : Math.max(param.min(), def - 1);
                values.add((def + toward) / 2);
                break;
            }
            case INT: {
                int def = (Integer) param.defaultValue();
                values.add((int) param.min() - 1);
                values.add(param.max() < Integer.MAX_VALUE ? (int) param.max() + 1 : def + 2);
                values.add(def + 1);
                break;
            }
            case LONG:
                values.add((Long) param.defaultValue() + 1);
                break;
            case BOOLEAN:
                values.add(!(Boolean) param.defaultValue());
                break;
            case CHOICE:
                values.add("no-such-choice");
                values.addAll(param.choices());
                break;
            case DOUBLE_LIST:
                values.add(List.of(Double.NaN));
                values.add(List.of(0.25, 0.5, 0.75));
                break;
            default:
                fail("unhandled parameter type " + param.type());
        }
        return values;
    }

    /** A raw value in the form the setter takes (a list becomes the varargs array). */
    private static Object typed(Method setter, Object value) {
        if (setter.getParameterTypes()[0] == double[].class) {
            @SuppressWarnings("unchecked")
            List<Number> list = (List<Number>) value;
            return list.stream().mapToDouble(Number::doubleValue).toArray();
        }
        return value;
    }

    private static Map<String, Object> required(Subject subject) {
        return subject.wrapper() ? Map.of() : MethodAssertions.testParams(subject.runSpec(), 3);
    }

    private static ParamSpec<?> declared(Subject subject, String name) {
        return subject.params().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static Object invoke(Method setter, Object builder, Object value) throws Throwable {
        return unwrap(() -> setter.invoke(builder, value));
    }

    private interface Reflective {
        Object call() throws Throwable;
    }

    private static Object unwrap(Reflective call) throws Throwable {
        try {
            return call.call();
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** What an attempt gives: the instance's fingerprint or the error's message (one sentence, not a stack). */
    private static String outcome(Subject subject, Reflective attempt) {
        try {
            return fingerprint(subject, attempt.call());
        } catch (IllegalArgumentException e) {
            return "error: " + e.getMessage();
        } catch (Throwable e) {
            throw new AssertionError(subject + ": unexpected " + e, e);
        }
    }

    /**
     * The instance's toString (where the class declares one) and its directions and weights on three
     * successive random Jacobians (so stateful and seeded methods are compared over several steps).
     */
    private static String fingerprint(Subject subject, Object method) {
        assertNotNull(method, subject.name());
        StringBuilder text = new StringBuilder();
        try {
            if (method.getClass().getMethod("toString").getDeclaringClass() != Object.class) {
                text.append(method).append(' ');
            }
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
        Aggregator aggregator = method instanceof Weighting weighting ? new WeightedAggregator(weighting)
                : (Aggregator) method;
        for (long seed = 1; seed <= 3; seed++) {
            double[][] rows = Matrices.lowRank(3, 5, 3, 1, seed);
            try {
                Aggregation result = MethodAssertions.run(subject.runSpec(), aggregator, rows);
                text.append(Arrays.toString(result.direction())).append(Arrays.toString(result.weights()));
            } catch (RuntimeException e) {
                text.append(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
            }
        }
        return text.toString();
    }

    private static String camelCase(String name) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }
}
