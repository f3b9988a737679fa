package org.multigrad.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one registry style of MultiGrad: entries by stable kebab-case name, in catalogue order, each
 * with a one-line summary. Lookups of unknown names fail with one sentence naming the kind, the
 * closest known name (edit distance) and the known names. Methods, wrappers, problems and black-box
 * optimizers are all catalogues of this kind.
 *
 * @param <T> what an entry holds (a spec, or a factory of fresh instances)
 */
public final class Catalogue<T> {
    private final String kind;
    private final Map<String, T> entries;
    private final Map<String, String> summaries;

    private Catalogue(String kind, Map<String, T> entries, Map<String, String> summaries) {
        this.kind = kind;
        this.entries = Collections.unmodifiableMap(entries);
        this.summaries = Collections.unmodifiableMap(summaries);
    }

    /** An empty builder; {@code kind} is the singular noun used in errors, e.g. "method". */
    public static <T> Builder<T> builder(String kind) {
        return new Builder<>(kind);
    }

    /** The names, in catalogue order. */
    public List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    /** The entries, in catalogue order. */
    public List<T> values() {
        return new ArrayList<>(entries.values());
    }

    public boolean contains(String name) {
        return name != null && entries.containsKey(name.trim());
    }

    /** The entry of that name, if any. */
    public Optional<T> find(String name) {
        return Optional.ofNullable(name == null ? null : entries.get(name.trim()));
    }

    /** The entry of that name, or an {@link IllegalArgumentException} naming the closest and all known names. */
    public T get(String name) {
        String key = name == null ? "" : name.trim();
        T entry = entries.get(key);
        if (entry == null) {
            String suggestion = closest(key);
            throw new IllegalArgumentException("unknown " + kind + " '" + key + "'"
                    + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)")
                    + "; known " + kind + "s: " + String.join(", ", entries.keySet()));
        }
        return entry;
    }

    /** The one-line summary of that entry. */
    public String summary(String name) {
        get(name);
        return summaries.get(name.trim());
    }

    private String closest(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : entries.keySet()) {
            int distance = editDistance(name.toLowerCase(Locale.ROOT), candidate);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Collects entries in order; a repeated name is an error. */
    public static final class Builder<T> {
        private final String kind;
        private final Map<String, T> entries = new LinkedHashMap<>();
        private final Map<String, String> summaries = new LinkedHashMap<>();

        private Builder(String kind) {
            this.kind = kind;
        }

        public Builder<T> add(String name, String summary, T entry) {
            if (name == null || !name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                throw new IllegalArgumentException(kind + " name '" + name + "' is not kebab-case");
            }
            if (entries.putIfAbsent(name, entry) != null) {
                throw new IllegalStateException("two " + kind + "s are named " + name);
            }
            summaries.put(name, summary);
            return this;
        }

        public Catalogue<T> build() {
            return new Catalogue<>(kind, new LinkedHashMap<>(entries), new LinkedHashMap<>(summaries));
        }
    }
}
