package org.multigrad.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --seeds} of the experiment commands: a count K (seeds 0..K-1), a comma list, or a range A..B. */
final class SeedsOption {
    @Option(names = "--seeds", paramLabel = "SEEDS",
            description = "run seeds: K means 0..K-1, or a comma list (0,1,2), or a range A..B (both included);"
                    + " default: 1 for solve, 0,1,2 for blackbox")
    String seeds;

    /** The seeds given, or those of {@code fallback} (in the same notation) without --seeds. */
    List<Long> orElse(String fallback) {
        return parse(seeds == null ? fallback : seeds);
    }

    static List<Long> parse(String text) {
        String trimmed = text.trim();
        List<Long> seeds = new ArrayList<>();
        if (trimmed.contains(",")) {
            for (String part : trimmed.split(",", -1)) {
                seeds.add(number(part, text));
            }
        } else if (trimmed.contains("..")) {
            long first = number(trimmed.substring(0, trimmed.indexOf("..")), text);
            long last = number(trimmed.substring(trimmed.indexOf("..") + 2), text);
            if (last < first || last - first >= Integer.MAX_VALUE) {
                throw new IllegalArgumentException("--seeds " + text + ": a range A..B needs A <= B (and fewer than 2^31"
                        + " seeds)");
            }
            for (long seed = first; seed <= last; seed++) {
                seeds.add(seed);
            }
        } else {
            long count = number(trimmed, text);
            if (count < 1 || count > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("--seeds must be >= 1, got " + count
                        + " (a count K means seeds 0..K-1; one seed S is S..S)");
            }
            for (long seed = 0; seed < count; seed++) {
                seeds.add(seed);
            }
        }
        return seeds;
    }

    private static long number(String part, String text) {
        try {
            return Long.parseLong(part.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seeds " + text + ": '" + part.trim() + "' is not a whole number");
        }
    }
}
