package org.multigrad.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The one progress display of every command, on standard error. Work is counted in units the
 * command chooses (steps, function evaluations, training images): finished units plus, while a run
 * is going, a live counter of that run ({@link #track}). On a terminal ({@link Terminal#drawsBars()})
 * it is a self-overwriting bar, redrawn once a second by a daemon thread from two seconds in, so short
 * runs print nothing; elsewhere (a log file, a pipe) it is one plain line per tenth of the work:
 * {@code title 50% label (12s left)}.
 */
final class Progress implements AutoCloseable {
    private static final long DELAY_MS = 2000;
    private static final long PERIOD_MS = 1000;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String title;
    private final long total;
    private final boolean enabled;
    private final boolean bar = Terminal.drawsBars();
    private final long startMillis = System.currentTimeMillis();
    private final Thread thread;
    private volatile long done;
    private volatile LongSupplier live;
    private volatile String label = "";
    private boolean drawn;
    private int tenthShown;
    /** Off a terminal: below this many finished units the next tenth cannot be reached (see {@link #lineThreshold}). */
    private volatile long nextLine;

    /** {@code total} units of work; a disabled display ({@code --quiet}) prints nothing. */
    Progress(PrintWriter err, String title, long total, boolean enabled) {
        this.err = err;
        this.title = title;
        this.total = Math.max(1, total);
        this.enabled = enabled;
        this.nextLine = lineThreshold(1);
        if (enabled && bar) {
            thread = new Thread(this::loop, "multigrad-progress");
            thread.setDaemon(true);
            thread.start();
        } else {
            thread = null;
        }
    }

    /** What is running now, shown after the figures. */
    void label(String text) {
        label = text;
    }

    /** The live unit counter of the run now going (e.g. an evaluator's count), until {@link #advance}. */
    void track(LongSupplier counter) {
        live = counter;
    }

    /** {@code units} more are done (a finished run is accounted for with its whole budget). */
    void advance(long units) {
        live = null;
        done += units;
        if (enabled && !bar && done >= nextLine) {
            lines();
        }
    }

    private double fraction() {
        LongSupplier counter = live;
        long progress = done + (counter == null ? 0 : counter.getAsLong());
        return Math.min(1, (double) progress / total);
    }

    private String eta(double fraction) {
        double elapsed = (System.currentTimeMillis() - startMillis) / 1000.0;
        return fraction > 0 && fraction < 1 ? String.format(Locale.ROOT, "%.0fs left", elapsed * (1 - fraction) / fraction) : "";
    }

    private synchronized void lines() {
        double fraction = fraction();
        int tenth = Terminal.tenth(fraction);
        if (tenth > tenthShown) {
            tenthShown = tenth;
            nextLine = lineThreshold(tenth + 1);
            String eta = eta(fraction);
            err.printf(Locale.ROOT, "%s %d%% %s%s%n", title, 10 * tenth, label, eta.isEmpty() ? "" : " (" + eta + ")");
            err.flush();
        }
    }

    /**
     * A lower bound of the unit count at which tenth {@code tenth} is reached: {@link #lines} decides
     * exactly, this only spares the lock on the units before it.
     */
    private long lineThreshold(int tenth) {
        return tenth > 10 ? Long.MAX_VALUE : Math.max(0, (long) Math.floor(tenth * (double) total / 10) - 1);
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
        double fraction = fraction();
        int filled = (int) Math.round(fraction * WIDTH);
        err.printf(Locale.ROOT, "\r%s [%s%s] %5.1f%% %-12s %-60s", title, "#".repeat(filled), " ".repeat(WIDTH - filled),
                100 * fraction, eta(fraction), label);
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
