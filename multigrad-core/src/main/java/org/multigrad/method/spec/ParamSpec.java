package org.multigrad.method.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A typed, documented hyper-parameter of a method: name, type, default, allowed range or choices.
 * Parses values from the CLI ({@code "0.5"}), from JSON (numbers, strings, arrays, booleans) and
 * from Java, and rejects bad values with a message naming the method, the parameter and the rule.
 * A method declares each parameter once, as a constant that its {@code SPEC}, its factory
 * ({@link Params#get}) and its typed options ({@link MethodOptions}) all use.
 *
 * @param <V> the value's Java type: Double, Integer, Long, Boolean, String (a choice) or List&lt;Double&gt;
 */
public final class ParamSpec<V> {
    /** The value types a parameter can have. */
    public enum Type { DOUBLE, INT, LONG, BOOLEAN, CHOICE, DOUBLE_LIST }

    private final String name;
    private final Type type;
    private final V defaultValue;
    private final String description;
    private final double min;
    private final boolean minInclusive;
    private final double max;
    private final List<String> choices;

    private ParamSpec(String name, Type type, V defaultValue, String description,
                      double min, boolean minInclusive, double max, List<String> choices) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
        this.min = min;
        this.minInclusive = minInclusive;
        this.max = max;
        this.choices = choices;
    }

    /** A real parameter in [min, max]. */
    public static ParamSpec<Double> real(String name, double defaultValue, double min, double max, String description) {
        return new ParamSpec<>(name, Type.DOUBLE, defaultValue, description, min, true, max, List.of());
    }

    /** A real parameter in (min, max]: the lower bound is excluded (e.g. a positive step size). */
    public static ParamSpec<Double> realAbove(String name, double defaultValue, double min, double max, String description) {
        return new ParamSpec<>(name, Type.DOUBLE, defaultValue, description, min, false, max, List.of());
    }

    public static ParamSpec<Integer> integer(String name, int defaultValue, int min, int max, String description) {
        return new ParamSpec<>(name, Type.INT, defaultValue, description, min, true, max, List.of());
    }

    /** A random seed (any long). */
    public static ParamSpec<Long> seed(long defaultValue) {
        return new ParamSpec<>("seed", Type.LONG, defaultValue, "random seed (same seed, same sequence of draws)",
                -Double.MAX_VALUE, true, Double.MAX_VALUE, List.of());
    }

    public static ParamSpec<Boolean> bool(String name, boolean defaultValue, String description) {
        return new ParamSpec<>(name, Type.BOOLEAN, defaultValue, description, 0, true, 0, List.of());
    }

    public static ParamSpec<String> choice(String name, String defaultValue, List<String> choices, String description) {
        if (!choices.contains(defaultValue)) {
            throw new IllegalArgumentException("default " + defaultValue + " is not among " + choices);
        }
        return new ParamSpec<>(name, Type.CHOICE, defaultValue, description, 0, true, 0, List.copyOf(choices));
    }

    /** A list of reals; a null default makes the parameter required. */
    public static ParamSpec<List<Double>> realList(String name, List<Double> defaultValue, String description) {
        return new ParamSpec<>(name, Type.DOUBLE_LIST, defaultValue == null ? null : List.copyOf(defaultValue),
                description, -Double.MAX_VALUE, true, Double.MAX_VALUE, List.of());
    }

    public String name() {
        return name;
    }

    /** The same parameter under another name (wrappers expose a clashing inner parameter as inner.NAME). */
    public ParamSpec<V> renamed(String newName) {
        return new ParamSpec<>(newName, type, defaultValue, description, min, minInclusive, max, choices);
    }

    public Type type() {
        return type;
    }

    /** The default value, or null when the parameter is required. */
    public V defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public List<String> choices() {
        return choices;
    }

    /** The lower bound of a number (excluded when {@link #minInclusive()} is false); -Double.MAX_VALUE when none. */
    public double min() {
        return min;
    }

    public boolean minInclusive() {
        return minInclusive;
    }

    /** The upper bound of a number (included); Double.MAX_VALUE when none. */
    public double max() {
        return max;
    }

    /** A human-readable constraint, e.g. "[0, inf)" or "none|l2|loss|loss+". */
    public String constraint() {
        switch (type) {
            case CHOICE:
                return String.join("|", choices);
            case BOOLEAN:
                return "true|false";
            case LONG:
                return "integer";
            case DOUBLE_LIST:
                return "list of reals";
            default:
                return (minInclusive ? "[" : "(") + bound(min) + ", " + bound(max) + "]";
        }
    }

    public String defaultText() {
        if (defaultValue == null) {
            return "required";
        }
        if (defaultValue instanceof Double) {
            return bound((Double) defaultValue);
        }
        return String.valueOf(defaultValue);
    }

    private static String bound(double value) {
        if (value >= Double.MAX_VALUE || value == Double.POSITIVE_INFINITY) {
            return "inf";
        }
        if (value <= -Double.MAX_VALUE || value == Double.NEGATIVE_INFINITY) {
            return "-inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return String.valueOf(value);
    }

    /**
     * Converts a raw value (String, Number, Boolean, List) into this parameter's type and checks
     * its range; {@code method} only names the method in error messages.
     */
    @SuppressWarnings("unchecked")
    public V parse(String method, Object raw) {
        return (V) parseValue(method, raw);
    }

    private Object parseValue(String method, Object raw) {
        String where = method + ": parameter '" + name + "'";
        if (raw == null) {
            throw new IllegalArgumentException(where + " has no value");
        }
        switch (type) {
            case DOUBLE: {
                double value = toDouble(where, raw);
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException(where + " must be finite, got " + value);
                }
                if (value < min || (!minInclusive && value == min) || value > max) {
                    throw new IllegalArgumentException(where + " must be in " + constraint() + ", got " + raw);
                }
                return value;
            }
            case INT: {
                long value = toLong(where, raw);
                if (value < min || value > max) {
                    throw new IllegalArgumentException(where + " must be in " + constraint() + ", got " + raw);
                }
                return (int) value;
            }
            case LONG:
                return toLong(where, raw);
            case BOOLEAN: {
                if (raw instanceof Boolean) {
                    return raw;
                }
                String text = raw.toString().trim().toLowerCase(Locale.ROOT);
                if (text.equals("true") || text.equals("false")) {
                    return Boolean.valueOf(text);
                }
                throw new IllegalArgumentException(where + " must be true or false, got " + raw);
            }
            case CHOICE: {
                String text = raw.toString().trim();
                if (!choices.contains(text)) {
                    throw new IllegalArgumentException(where + " must be one of " + String.join(", ", choices)
                            + "; got '" + text + "'");
                }
                return text;
            }
            case DOUBLE_LIST:
                return toDoubleList(where, raw);
            default:
                throw new IllegalStateException("unhandled type " + type);
        }
    }

    private static double toDouble(String where, Object raw) {
        if (raw instanceof Number) {
            return ((Number) raw).doubleValue();
        }
        try {
            return Double.parseDouble(raw.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " must be a number, got '" + raw + "'");
        }
    }

    private static long toLong(String where, Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof Number) {
            double value = ((Number) raw).doubleValue();
            if (value == Math.rint(value) && Math.abs(value) < 9e18) {
                return (long) value;
            }
            throw new IllegalArgumentException(where + " must be an integer, got " + raw);
        }
        try {
            return Long.parseLong(raw.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " must be an integer, got '" + raw + "'");
        }
    }

    private static List<Double> toDoubleList(String where, Object raw) {
        List<Double> values = new ArrayList<>();
        if (raw instanceof List) {
            for (Object item : (List<?>) raw) {
                values.add(toDouble(where, item));
            }
        } else if (raw instanceof double[]) {
            for (double item : (double[]) raw) {
                values.add(item);
            }
        } else {
            String text = raw.toString().trim();
            if (text.startsWith("[") && text.endsWith("]")) {
                text = text.substring(1, text.length() - 1);
            }
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    values.add(toDouble(where, part));
                }
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException(where + " must be a non-empty list of numbers");
        }
        for (double value : values) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(where + " must hold finite numbers, got " + value);
            }
        }
        return Collections.unmodifiableList(values);
    }
}
