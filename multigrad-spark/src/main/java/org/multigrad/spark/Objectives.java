package org.multigrad.spark;

/**
 * {@code --objectives}: {@code per-label} (one objective per class label) or
 * {@code per-group:COLUMN} (one objective per value of the group column; {@code per-group:label}
 * groups by the label itself).
 *
 * @param groupColumn the group column, or null for per-label objectives
 */
public record Objectives(String groupColumn) implements java.io.Serializable {
    public static Objectives parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("--objectives is empty: give per-label or per-group:COLUMN");
        }
        if (text.equals("per-label")) {
            return new Objectives(null);
        }
        if (text.startsWith("per-group:") && text.length() > "per-group:".length()) {
            return new Objectives(text.substring("per-group:".length()));
        }
        throw new IllegalArgumentException("--objectives " + text + ": expected per-label or per-group:COLUMN");
    }

    public boolean perGroup() {
        return groupColumn != null;
    }

    @Override
    public String toString() {
        return perGroup() ? "per-group:" + groupColumn : "per-label";
    }
}
