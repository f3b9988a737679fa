package org.multigrad.cli;

/**
 * Whether progress is drawn as a self-overwriting bar or written as plain lines. A bar ('\r'
 * redraws) is only readable on a terminal; in a log file or a pipe every frame would stay, so
 * there the commands write one plain line per epoch or per tenth of the work instead.
 * {@code -Dmultigrad.progress=bar|lines} overrides the detection.
 */
final class Terminal {
    static final String PROGRESS_PROPERTY = "multigrad.progress";

    private Terminal() {
    }

    /** True when progress bars may be drawn: standard streams attached to a terminal. */
    static boolean drawsBars() {
        String forced = System.getProperty(PROGRESS_PROPERTY, "");
        if (forced.equals("bar")) {
            return true;
        }
        if (forced.equals("lines")) {
            return false;
        }
        // System.console() is non-null only when the JVM's standard input and output are a terminal;
        // the usual check (stderr alone cannot be tested from Java).
        return System.console() != null;
    }

    /** The tenth of the work (0..10) that {@code fraction} lies in, for plain-line progress. */
    static int tenth(double fraction) {
        return (int) Math.floor(10 * Math.min(1, Math.max(0, fraction)) + 1e-9);
    }
}
