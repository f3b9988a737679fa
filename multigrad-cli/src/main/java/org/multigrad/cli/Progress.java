package org.multigrad.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.multigrad.blackbox.Evaluator;

/**
 * A one-line progress bar on standard error, redrawn once a second by a daemon thread, for runs
 * that take longer than two seconds (short runs print nothing). Work is counted in function
 * evaluations: finished runs plus the live counter of the current run's {@link Evaluator}. When
 * standard error is not a terminal ({@link Terminal#drawsBars()}), a plain line is written at each
 * tenth of the work instead.
 */
final class Progress implements AutoCloseable {
    private static final long DELAY_MS = 2000;
    private static final long PERIOD_MS = 1000;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final long total;
    private final long startMillis = System.currentTimeMillis();
    private final Thread thread;
    private volatile long done;
    private volatile Evaluator current;
    private volatile String label = "";
    private volatile boolean drawn;
    private final boolean bar = Terminal.drawsBars();
    private int tenthShown;

    Progress(PrintWriter err, long total, boolean enabled) {
        this.err = err;
        this.total = Math.max(1, total);
        if (enabled) {
            thread = new Thread(this::loop, "multigrad-progress");
            thread.setDaemon(true);
            thread.start();
        } else {
            thread = null;
        }
    }

    void label(String text) {
        label = text;
    }

    void track(Evaluator evaluator) {
        current = evaluator;
    }

    /** The current run is over and accounted for with its whole budget. */
    void finish(long runBudget) {
        current = null;
        done += runBudget;
    }

    private void loop() {
        try {
            Thread.sleep(DELAY_MS);
            while (!Thread.currentThread().isInterrupted()) {
                draw();
                Thread.sleep(PERIOD_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void draw() {
        Evaluator evaluator = current;
        long progress = done + (evaluator == null ? 0 : evaluator.evaluations());
        double fraction = Math.min(1, (double) progress / total);
        int filled = (int) Math.round(fraction * WIDTH);
        double elapsed = (System.currentTimeMillis() - startMillis) / 1000.0;
        String eta = fraction > 0 ? String.format(Locale.ROOT, "%.0fs left", elapsed * (1 - fraction) / fraction) : "";
        if (!bar) {
            int tenth = Terminal.tenth(fraction);
            if (tenth > tenthShown) {
                tenthShown = tenth;
                err.printf(Locale.ROOT, "%3.0f%% %s %s%n", 100 * fraction, eta, label);
                err.flush();
            }
            return;
        }
        err.printf(Locale.ROOT, "\r[%s%s] %5.1f%% %s  %-60s", "#".repeat(filled), " ".repeat(WIDTH - filled),
                100 * fraction, eta, label);
        err.flush();
        drawn = true;
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(PERIOD_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (drawn) {
                err.println();
                err.flush();
            }
        }
    }
}
