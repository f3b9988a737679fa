package org.multigrad.bench;

import java.util.List;
import java.util.Locale;

/** Prints benchmark rows as one aligned plain-text table (also valid Markdown). */
public final class Table {
    private Table() {
    }

    public static String format(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "| %-24s | %4s | %9s | %14s | %6s | %14s | %9s |%n",
                "method", "m", "n", "time per call", "passes", "baseline/pass", "of bound"));
        out.append("|--------------------------|-----:|----------:|---------------:|-------:|---------------:|----------:|")
                .append(System.lineSeparator());
        for (Row row : rows) {
            boolean solver = row.n() == 0;
            out.append(String.format(Locale.ROOT, "| %-24s | %4d | %9s | %14s | %6s | %14s | %9s |%n",
                    row.method(), row.m(), solver ? "-" : Integer.toString(row.n()), time(row.secondsPerCall()),
                    solver ? "-" : String.format(Locale.ROOT, "%.2f", row.passes()),
                    solver ? "-" : time(row.baselineSeconds()),
                    solver ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * row.fractionOfBound())));
        }
        return out.toString();
    }

    /** Seconds in the unit that gives 3-4 significant digits. */
    public static String time(double seconds) {
        if (!(seconds > 0)) {
            return "n/a";
        }
        if (seconds < 1e-3) {
            return String.format(Locale.ROOT, "%.2f us", seconds * 1e6);
        }
        if (seconds < 1) {
            return String.format(Locale.ROOT, "%.3f ms", seconds * 1e3);
        }
        return String.format(Locale.ROOT, "%.3f s", seconds);
    }
}
