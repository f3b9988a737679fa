package org.multigrad.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import scala.Tuple2;

/**
 * Reads {@code --data} into {@link TrainingData}: a CSV file (with a header), a Parquet file or
 * directory, a LibSVM text file ({@code label index:value ...}, indices from 1), or
 * {@code synthetic-logistic:...} generated in the partitions. File rows are numbered in file order
 * and moved once into their {@link RowLayout} partitions (one shuffle, then cached). The label
 * column is {@code --label} (default {@code label}); every other column except the group column is a
 * feature and must be numeric. Checks run before training, each naming the column or group at fault.
 */
public final class DataLoader {
    /**
     * What to read and how to turn it into objectives.
     *
     * @param features the feature columns of a table in order, or null for every column but the label and group
     */
    public record Request(String data, String format, String labelColumn, Objectives objectives, List<String> groups,
                          boolean linear, int partitions, long seed, List<String> features) {
        /** Every other column of a table is a feature. */
        public Request(String data, String format, String labelColumn, Objectives objectives, List<String> groups,
                       boolean linear, int partitions, long seed) {
            this(data, format, labelColumn, objectives, groups, linear, partitions, seed, null);
        }
    }

    private DataLoader() {
    }

    public static TrainingData load(SparkSession spark, Request request) {
        if (request.partitions() < 1) {
            throw new IllegalArgumentException("--partitions must be >= 1, got " + request.partitions());
        }
        boolean table = !request.data().startsWith(SyntheticLogistic.PREFIX) && !format(request).equals("libsvm");
        if (request.features() != null && !table) {
            throw new IllegalArgumentException("--features names columns of a CSV or Parquet table; --data "
                    + request.data() + " has none");
        }
        if (request.data().startsWith(SyntheticLogistic.PREFIX)) {
            return synthetic(spark, request, SyntheticLogistic.parse(request.data()));
        }
        String format = format(request);
        // a path without a scheme is local only in local mode (on a cluster it names the default file system)
        boolean localMode = spark.sparkContext().master().startsWith("local");
        if (localMode && !request.data().contains("://") && !new java.io.File(request.data()).exists()) {
            throw new IllegalArgumentException("--data " + request.data() + ": no such file or directory");
        }
        if (format.equals("libsvm")) {
            return libsvm(spark, request);
        }
        Dataset<Row> frame = format.equals("csv")
                ? spark.read().option("header", "true").option("inferSchema", "true").csv(request.data())
                : spark.read().parquet(request.data());
        return table(spark, request, frame);
    }

    private static String format(Request request) {
        if (request.format() != null) {
            if (!List.of("csv", "parquet", "libsvm").contains(request.format())) {
                throw new IllegalArgumentException("--format " + request.format() + ": expected csv, parquet or libsvm");
            }
            return request.format();
        }
        String name = request.data().toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        if (name.endsWith(".csv")) {
            return "csv";
        }
        if (name.endsWith(".parquet")) {
            return "parquet";
        }
        if (name.endsWith(".libsvm") || name.endsWith(".svm")) {
            return "libsvm";
        }
        throw new IllegalArgumentException("--data " + request.data() + ": cannot tell the format from the name;"
                + " give --format csv, parquet or libsvm");
    }

    private static TrainingData synthetic(SparkSession spark, Request request, SyntheticLogistic generator) {
        if (request.linear()) {
            throw new IllegalArgumentException("--data synthetic-logistic has class labels; use --model logistic");
        }
        List<String> groups = new ArrayList<>();
        if (request.objectives().perGroup()) {
            if (!request.objectives().groupColumn().equals(request.labelColumn())) {
                throw new IllegalArgumentException("--objectives " + request.objectives() + ": unknown column '"
                        + request.objectives().groupColumn() + "'; synthetic-logistic has the column '"
                        + request.labelColumn() + "' only");
            }
            for (int c = 0; c < generator.classes(); c++) {
                groups.add(Integer.toString(c));
            }
            groups = declared(groups, request);
        }
        RowLayout layout = new RowLayout(generator.rows(), request.partitions());
        List<Integer> partitions = new ArrayList<>();
        for (int p = 0; p < layout.partitions(); p++) {
            partitions.add(p);
        }
        long seed = request.seed();
        boolean byLabel = request.objectives().perGroup();
        Map<String, Integer> index = indexOf(groups);
        JavaRDD<Example> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(partitions, layout.partitions())
                .mapPartitionsWithIndex((p, ignored) -> {
                    java.util.Iterator<Example> generated = generator.partition(seed, layout, p);
                    if (!byLabel) {
                        return generated;
                    }
                    return new java.util.Iterator<Example>() {
                        @Override
                        public boolean hasNext() {
                            return generated.hasNext();
                        }

                        @Override
                        public Example next() {
                            Example row = generated.next();
                            return new Example(row.index(), row.features(), row.label(),
                                    index.get(Integer.toString((int) row.label())));
                        }
                    };
                }, true);
        return new TrainingData(rows, layout, generator.features(), generator.classes(), groups);
    }

    private static TrainingData table(SparkSession spark, Request request, Dataset<Row> frame) {
        List<String> columns = Arrays.asList(frame.columns());
        String label = request.labelColumn();
        requireColumn(columns, label, "--label");
        String groupColumn = request.objectives().groupColumn();
        if (groupColumn != null) {
            requireColumn(columns, groupColumn, "--objectives per-group:");
        }
        List<String> features = new ArrayList<>();
        if (request.features() != null) {
            for (String feature : request.features()) {
                requireColumn(columns, feature, "--features ");
                if (feature.equals(label) || feature.equals(groupColumn)) {
                    throw new IllegalArgumentException("--features " + feature + ": the column is the label or the group");
                }
            }
        }
        for (StructField field : frame.schema().fields()) {
            if (field.name().equals(label) || field.name().equals(groupColumn)
                    || request.features() != null && !request.features().contains(field.name())) {
                continue;
            }
            if (!(field.dataType() instanceof NumericType)) {
                throw new IllegalArgumentException("--data " + request.data() + ": feature column '" + field.name()
                        + "' is not numeric (" + field.dataType().simpleString() + ")");
            }
            features.add(field.name());
        }
        if (features.isEmpty()) {
            throw new IllegalArgumentException("--data " + request.data() + " has no feature column besides '" + label + "'");
        }
        if (!(frame.schema().apply(label).dataType() instanceof NumericType)) {
            throw new IllegalArgumentException("--data " + request.data() + ": label column '" + label + "' is not numeric ("
                    + frame.schema().apply(label).dataType().simpleString() + ")");
        }
        List<String> used = new ArrayList<>(features);
        used.add(label);
        if (groupColumn != null && !groupColumn.equals(label)) {
            used.add(groupColumn);
        }
        requireNoNulls(request, frame, used);
        int classes = request.linear() ? 0 : classes(request, frame, label);
        List<String> groups = new ArrayList<>();
        if (groupColumn != null) {
            TreeSet<String> found = new TreeSet<>();
            for (Row row : frame.select(col(groupColumn)).distinct().collectAsList()) {
                found.add(row.get(0).toString());
            }
            groups = declared(new ArrayList<>(found), request);
        }
        long rowCount = frame.count();
        if (rowCount == 0) {
            throw new IllegalArgumentException("--data " + request.data() + " holds no rows");
        }
        if (request.features() != null) {
            features = List.copyOf(request.features());
        }
        int[] featureAt = features.stream().mapToInt(columns::indexOf).toArray();
        int labelAt = columns.indexOf(label);
        int groupAt = groupColumn == null ? -1 : columns.indexOf(groupColumn);
        Map<String, Integer> groupIndex = indexOf(groups);
        JavaPairRDD<Long, Example> numbered = frame.javaRDD().zipWithIndex().mapToPair(pair -> {
            Row row = pair._1();
            double[] a = new double[featureAt.length];
            for (int j = 0; j < a.length; j++) {
                a[j] = ((Number) row.get(featureAt[j])).doubleValue();
            }
            int group = groupAt < 0 ? 0 : groupIndex.get(row.get(groupAt).toString());
            return new Tuple2<>(pair._2(), new Example(pair._2(), a, ((Number) row.get(labelAt)).doubleValue(), group));
        });
        return laidOut(numbered, new RowLayout(rowCount, request.partitions()), features.size(), classes, groups);
    }

    /**
     * Rows held by the driver (a test set, a subset read by your own code) as training data: row r of
     * {@code rows} gets index r and moves to its {@link RowLayout} partition. The rows' labels and
     * groups must already be class and group indices.
     */
    public static TrainingData fromRows(SparkSession spark, List<Example> rows, int partitions, int features, int classes,
                                        List<String> groups) {
        List<Tuple2<Long, Example>> numbered = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            Example row = rows.get(r);
            numbered.add(new Tuple2<>((long) r, new Example(r, row.features(), row.label(), row.group())));
        }
        JavaPairRDD<Long, Example> pairs = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelizePairs(numbered, Math.max(1, Math.min(partitions, numbered.size())));
        return laidOut(pairs, new RowLayout(rows.size(), partitions), features, classes, groups);
    }

    private static TrainingData laidOut(JavaPairRDD<Long, Example> numbered, RowLayout layout, int features, int classes,
                                        List<String> groups) {
        JavaRDD<Example> rows = numbered.repartitionAndSortWithinPartitions(layout).values().cache();
        return new TrainingData(rows, layout, features, classes, groups);
    }

    private static TrainingData libsvm(SparkSession spark, Request request) {
        if (request.objectives().perGroup()) {
            throw new IllegalArgumentException("--objectives " + request.objectives() + ": a LibSVM file has no group column"
                    + " (use CSV or Parquet)");
        }
        String path = request.data();
        JavaPairRDD<Long, double[]> parsed = JavaSparkContext.fromSparkContext(spark.sparkContext()).textFile(path)
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .zipWithIndex()
                .mapToPair(pair -> new Tuple2<>(pair._2(), parseLibsvm(path, pair._1(), pair._2())));
        parsed = parsed.cache();
        long rowCount = parsed.count();
        if (rowCount == 0) {
            throw new IllegalArgumentException("--data " + path + " holds no rows");
        }
        // entry 0 is the label, then (index, value) pairs
        int features = parsed.values().map(entries -> {
            int top = 0;
            for (int e = 1; e < entries.length; e += 2) {
                top = Math.max(top, (int) entries[e]);
            }
            return top;
        }).reduce(Math::max);
        if (features < 1) {
            throw new IllegalArgumentException("--data " + path + " has no feature entries");
        }
        double minLabel = parsed.values().map(entries -> entries[0]).reduce(Math::min);
        double maxLabel = parsed.values().map(entries -> entries[0]).reduce(Math::max);
        boolean integral = parsed.values().filter(entries -> entries[0] != Math.floor(entries[0])).isEmpty();
        int classes = request.linear() ? 0 : checkedClasses(request, minLabel, maxLabel, integral);
        int d = features;
        JavaPairRDD<Long, Example> numbered = parsed.mapToPair(pair -> {
            double[] entries = pair._2();
            double[] a = new double[d];
            for (int e = 1; e < entries.length; e += 2) {
                a[(int) entries[e] - 1] = entries[e + 1];
            }
            return new Tuple2<>(pair._1(), new Example(pair._1(), a, entries[0], 0));
        });
        return laidOut(numbered, new RowLayout(rowCount, request.partitions()), features, classes, List.of());
    }

    /** [label, i1, v1, i2, v2, ...] of one LibSVM line. */
    static double[] parseLibsvm(String path, String line, long index) {
        String[] tokens = line.trim().split("\\s+");
        double[] entries = new double[1 + 2 * (tokens.length - 1)];
        try {
            entries[0] = Double.parseDouble(tokens[0]);
            for (int t = 1; t < tokens.length; t++) {
                int colon = tokens[t].indexOf(':');
                int feature = Integer.parseInt(tokens[t].substring(0, colon));
                if (feature < 1) {
                    throw new NumberFormatException("index " + feature + " < 1");
                }
                entries[2 * t - 1] = feature;
                entries[2 * t] = Double.parseDouble(tokens[t].substring(colon + 1));
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--data " + path + ": row " + (index + 1) + " is not 'label index:value ...'"
                    + " with indices from 1 (" + e.getMessage() + ")");
        }
        return entries;
    }

    private static void requireColumn(List<String> columns, String column, String option) {
        if (!columns.contains(column)) {
            throw new IllegalArgumentException(option + column + ": unknown column '" + column + "'; the columns are " + columns);
        }
    }

    private static void requireNoNulls(Request request, Dataset<Row> frame, List<String> used) {
        Column[] counts = used.stream().map(c -> count(when(col(c).isNull(), 1))).toArray(Column[]::new);
        Row nulls = frame.agg(counts[0], Arrays.copyOfRange(counts, 1, counts.length)).first();
        for (int c = 0; c < used.size(); c++) {
            if (nulls.getLong(c) > 0) {
                throw new IllegalArgumentException("--data " + request.data() + ": column '" + used.get(c) + "' has "
                        + nulls.getLong(c) + " empty or non-numeric values");
            }
        }
    }

    private static int classes(Request request, Dataset<Row> frame, String label) {
        Row range = frame.agg(min(col(label)), max(col(label)),
                count(when(col(label).notEqual(floor(col(label))), 1))).first();
        return checkedClasses(request, ((Number) range.get(0)).doubleValue(), ((Number) range.get(1)).doubleValue(),
                range.getLong(2) == 0);
    }

    private static int checkedClasses(Request request, double minLabel, double maxLabel, boolean integral) {
        if (!integral || minLabel < 0 || maxLabel > 100_000) {
            throw new IllegalArgumentException("--data " + request.data() + ": logistic labels must be class indices 0, 1, ...,"
                    + " C-1; found values from " + minLabel + " to " + maxLabel + (integral ? "" : " and fractions"));
        }
        if (maxLabel < 1) {
            throw new IllegalArgumentException("--data " + request.data() + ": every label is 0; logistic regression needs"
                    + " at least two classes");
        }
        return (int) maxLabel + 1;
    }

    /** The groups found, or the declared ones when --groups is given (each must be present, no other may be). */
    private static List<String> declared(List<String> found, Request request) {
        if (found.isEmpty()) {
            throw new IllegalArgumentException("--objectives " + request.objectives() + ": the group column holds no value");
        }
        if (request.groups() == null || request.groups().isEmpty()) {
            return found;
        }
        for (String group : request.groups()) {
            if (!found.contains(group)) {
                throw new IllegalArgumentException("--groups: group '" + group + "' is absent from column '"
                        + request.objectives().groupColumn() + "' (it holds " + found + ")");
            }
        }
        for (String value : found) {
            if (!request.groups().contains(value)) {
                throw new IllegalArgumentException("--groups: column '" + request.objectives().groupColumn()
                        + "' holds '" + value + "', which is not one of the groups " + request.groups());
            }
        }
        return List.copyOf(request.groups());
    }

    private static Map<String, Integer> indexOf(List<String> groups) {
        Map<String, Integer> index = new HashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            index.put(groups.get(g), g);
        }
        return index;
    }
}
