package org.multigrad.cli;

import java.util.Locale;

/** Compact number formatting for tables. */
final class Format {
    private Format() {
    }

    static String vector(double[] values, int decimals) {
        StringBuilder text = new StringBuilder("[");
        for (int k = 0; k < values.length; k++) {
            if (k > 0) {
                text.append(", ");
            }
            text.append(String.format(Locale.ROOT, "%." + decimals + "f", values[k]));
        }
        return text.append(']').toString();
    }
}
