package org.multigrad.spark;

import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * {@code synthetic-logistic:rows=N,features=d,classes=C}: a teacher-labelled classification data set
 * generated inside each partition, without I/O. The teacher W* (C x d, entries N(0, 1/d)) comes from
 * the seed; row i has features a ~ N(0, I_d) drawn from a generator seeded by (seed, i), and label
 * y = argmax_c (W*a + ε)_c with ε ~ N(0, 0.25 I_C). Each row is a function of (seed, i) alone, so
 * the data set is the same for every partition count, and a retried task regenerates its rows bit
 * for bit. Rows are regenerated in every pass instead of cached (10⁶ x 784 doubles would take 6 GB).
 */
public record SyntheticLogistic(long rows, int features, int classes) implements java.io.Serializable {
    public static final String PREFIX = "synthetic-logistic:";

    public SyntheticLogistic {
        if (rows < 1 || features < 1 || classes < 2) {
            throw new IllegalArgumentException("synthetic-logistic needs rows >= 1, features >= 1 and classes >= 2, got rows="
                    + rows + ", features=" + features + ", classes=" + classes);
        }
    }

    /** Parses {@code synthetic-logistic:rows=..,features=..,classes=..} (every key required). */
    public static SyntheticLogistic parse(String spec) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (String part : spec.substring(PREFIX.length()).split(",")) {
            int equals = part.indexOf('=');
            String key = equals < 0 ? part.trim() : part.substring(0, equals).trim();
            if (equals < 0 || !(key.equals("rows") || key.equals("features") || key.equals("classes"))) {
                throw new IllegalArgumentException("--data " + spec + ": expected rows=N,features=D,classes=C, got '" + part + "'");
            }
            values.put(key, part.substring(equals + 1).trim());
        }
        for (String key : new String[] {"rows", "features", "classes"}) {
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("--data " + spec + ": " + key + "= is missing");
            }
        }
        try {
            return new SyntheticLogistic(Long.parseLong(values.get("rows")), Integer.parseInt(values.get("features")),
                    Integer.parseInt(values.get("classes")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--data " + spec + ": rows, features and classes must be integers");
        }
    }

    /** The rows of one partition of {@code layout}, generated lazily. */
    public Iterator<Example> partition(long seed, RowLayout layout, int partition) {
        double[] teacher = teacher(seed);
        long first = layout.start(partition);
        long end = layout.start(partition + 1);
        return new Iterator<>() {
            private long next = first;

            @Override
            public boolean hasNext() {
                return next < end;
            }

            @Override
            public Example next() {
                if (next >= end) {
                    throw new NoSuchElementException();
                }
                return row(seed, teacher, next++);
            }
        };
    }

    private double[] teacher(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] teacher = new double[classes * features];
        double scale = 1 / Math.sqrt(features);
        for (int e = 0; e < teacher.length; e++) {
            teacher[e] = random.nextGaussian() * scale;
        }
        return teacher;
    }

    private Example row(long seed, double[] teacher, long index) {
        SplittableRandom random = new SplittableRandom(BatchSampler.mix(seed ^ BatchSampler.mix(index + 0x632BE59BD9B4E019L)));
        double[] a = new double[features];
        for (int j = 0; j < features; j++) {
            a[j] = random.nextGaussian();
        }
        int label = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double score = 0.5 * random.nextGaussian();
            for (int j = 0; j < features; j++) {
                score += teacher[c * features + j] * a[j];
            }
            if (score > best) {
                best = score;
                label = c;
            }
        }
        return new Example(index, a, label, 0);
    }
}
