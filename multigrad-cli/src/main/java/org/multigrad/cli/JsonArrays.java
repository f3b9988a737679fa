package org.multigrad.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads numeric JSON arrays, naming the field and position of anything that is not a finite number. */
final class JsonArrays {
    private JsonArrays() {
    }

    static double[][] matrix(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("missing \"" + field + "\": expected an array of rows, e.g. [[1, 2], [3, 4]]");
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("\"" + field + "\" must be an array of rows, got " + node.getNodeType());
        }
        if (node.size() == 0) {
            throw new IllegalArgumentException("\"" + field + "\" has no rows (m = 0): at least one objective is needed");
        }
        double[][] rows = new double[node.size()][];
        for (int i = 0; i < rows.length; i++) {
            JsonNode row = node.get(i);
            if (!row.isArray()) {
                throw new IllegalArgumentException("\"" + field + "\" row " + i + " must be an array of numbers, got "
                        + row.getNodeType());
            }
            rows[i] = vector(row, "\"" + field + "\" row " + i);
            if (rows[i].length != rows[0].length) {
                throw new IllegalArgumentException("\"" + field + "\" row " + i + " has " + rows[i].length
                        + " entries, expected " + rows[0].length + " (rows must have equal length)");
            }
        }
        if (rows[0].length == 0) {
            throw new IllegalArgumentException("\"" + field + "\" rows are empty (n = 0): at least one parameter is needed");
        }
        return rows;
    }

    /** A numeric array; {@code label} names it in errors, e.g. {@code "losses"} or {@code "jacobian" row 2}. */
    static double[] vector(JsonNode node, String label) {
        if (!node.isArray()) {
            throw new IllegalArgumentException(label + " must be an array of numbers, got " + node.getNodeType());
        }
        double[] values = new double[node.size()];
        for (int k = 0; k < values.length; k++) {
            JsonNode item = node.get(k);
            double value;
            if (item.isNumber()) {
                value = item.doubleValue();
            } else {
                throw new IllegalArgumentException(label + " entry " + k + " must be a JSON number, got "
                        + describe(item));
            }
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(label + " entry " + k + " is " + value + "; entries must be finite");
            }
            values[k] = value;
        }
        return values;
    }

    /** A JSON value in an error message; a string is named as one, since numbers must not be quoted. */
    static String describe(JsonNode value) {
        return value.isTextual() ? "the string " + value + " (write numbers without quotes)" : value.toString();
    }
}
