package org.multigrad.experiment;

import java.util.List;
import java.util.Map;

/**
 * JSON text of a tree of maps, lists, arrays, strings, numbers and booleans, laid out as Jackson's
 * default pretty printer does (the core has no JSON dependency): objects one entry per line indented
 * by two spaces per enclosing object, arrays on one line; NaN and infinities as strings, as Jackson
 * writes them.
 */
final class Json {
    private Json() {
    }

    static String write(Object value) {
        StringBuilder text = new StringBuilder();
        append(text, value, 0);
        return text.toString();
    }

    private static void append(StringBuilder text, Object value, int level) {
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                text.append("{ }");
                return;
            }
            text.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                text.append(first ? "\n" : ",\n").append("  ".repeat(level + 1));
                string(text, String.valueOf(entry.getKey()));
                text.append(" : ");
                append(text, entry.getValue(), level + 1);
                first = false;
            }
            text.append('\n').append("  ".repeat(level)).append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                text.append("[ ]");
                return;
            }
            text.append("[ ");
            for (int k = 0; k < list.size(); k++) {
                text.append(k == 0 ? "" : ", ");
                append(text, list.get(k), level);
            }
            text.append(" ]");
        } else if (value instanceof double[] array) {
            append(text, java.util.Arrays.stream(array).boxed().toList(), level);
        } else if (value instanceof Double number) {
            if (Double.isFinite(number)) {
                text.append(number.doubleValue());
            } else {
                string(text, number.toString());
            }
        } else if (value instanceof String string) {
            string(text, string);
        } else {
            text.append(value);
        }
    }

    private static void string(StringBuilder text, String value) {
        text.append('"');
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20) {
                        text.append(String.format("\\u%04X", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }
}
