package org.multigrad.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a JMH CSV result file ({@code -rf csv}) of one run into the benchmark table: every kernel
 * and aggregate row is divided into the {@code baselineSum} of the same shape from the same run.
 */
public final class JmhTable {
    private JmhTable() {
    }

    public static List<Row> rows(List<String> csvLines) {
        if (csvLines.isEmpty()) {
            throw new IllegalArgumentException("JMH result file is empty");
        }
        List<String> header = split(csvLines.get(0));
        int benchmarkColumn = header.indexOf("Benchmark");
        int scoreColumn = header.indexOf("Score");
        int unitColumn = header.indexOf("Unit");
        int shapeColumn = header.indexOf("Param: shape");
        int methodColumn = header.indexOf("Param: method");
        int mColumn = header.indexOf("Param: m");
        if (benchmarkColumn < 0 || scoreColumn < 0 || unitColumn < 0) {
            throw new IllegalArgumentException("not a JMH CSV file: header is " + csvLines.get(0));
        }
        Map<String, Double> baselines = new HashMap<>();
        List<String[]> records = new ArrayList<>();
        for (String line : csvLines.subList(1, csvLines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = split(line);
            String benchmark = cells.get(benchmarkColumn);
            if (benchmark.contains(":")) {
                continue;
            }
            String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            double seconds = Double.parseDouble(cells.get(scoreColumn)) * unitSeconds(cells.get(unitColumn));
            String shape = cell(cells, shapeColumn);
            String method = cell(cells, methodColumn);
            String m = cell(cells, mColumn);
            if (name.equals("KernelBenchmark.baselineSum")) {
                baselines.put(shape, seconds);
            }
            records.add(new String[] {name, shape, method, m, Double.toString(seconds)});
        }
        Map<String, List<Row>> byShape = new TreeMap<>(Comparator
                .comparing((String s) -> s.isEmpty() ? Integer.MAX_VALUE : Shape.parse(s).n())
                .thenComparing(s -> s.isEmpty() ? 0 : Shape.parse(s).m()));
        for (String[] record : records) {
            String name = record[0];
            double seconds = Double.parseDouble(record[4]);
            if (name.equals("SolverBenchmark.solve")) {
                byShape.computeIfAbsent("", s -> new ArrayList<>())
                        .add(new Row(record[2] + " (solve)", Integer.parseInt(record[3]), 0, seconds, 0, 0));
                continue;
            }
            Shape shape = Shape.parse(record[1]);
            double baseline = baselines.getOrDefault(record[1], Double.NaN);
            String label;
            double passes;
            switch (name) {
                case "KernelBenchmark.baselineSum":
                    label = "baseline-sum";
                    passes = 1;
                    break;
                case "KernelBenchmark.gramian":
                    label = "gramian";
                    passes = Row.gramianPasses();
                    break;
                case "KernelBenchmark.combine":
                    label = "combine";
                    passes = Row.combinationPasses(shape.m());
                    break;
                case "KernelBenchmark.gramianCombine":
                    label = "gramian+combine";
                    passes = Row.stepPasses(shape.m());
                    break;
                case "AggregateBenchmark.aggregate":
                    label = record[2];
                    passes = Row.stepPasses(shape.m());
                    break;
                default:
                    continue;
            }
            byShape.computeIfAbsent(record[1], s -> new ArrayList<>())
                    .add(new Row(label, shape.m(), shape.n(), seconds, baseline, passes));
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<Row>> entry : byShape.entrySet()) {
            List<Row> group = entry.getValue();
            if (entry.getKey().isEmpty()) {
                group.sort(Comparator.comparingInt(Row::m));
            } else {
                group.sort(Comparator.comparingInt(JmhTable::rank));
            }
            rows.addAll(group);
        }
        return rows;
    }

    /** Baseline and kernels first, then the methods in run order (a stable sort keeps it). */
    private static int rank(Row row) {
        switch (row.method()) {
            case "baseline-sum":
                return 0;
            case "gramian":
                return 1;
            case "combine":
                return 2;
            case "gramian+combine":
                return 3;
            default:
                return 4;
        }
    }

    private static String cell(List<String> cells, int column) {
        return column < 0 || column >= cells.size() ? "" : cells.get(column);
    }

    private static double unitSeconds(String unit) {
        switch (unit) {
            case "s/op":
                return 1;
            case "ms/op":
                return 1e-3;
            case "us/op":
                return 1e-6;
            case "ns/op":
                return 1e-9;
            default:
                throw new IllegalArgumentException("unexpected JMH unit '" + unit + "' (run in AverageTime mode)");
        }
    }

    /** Splits one CSV line, honouring double quotes (JMH quotes every text cell). */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int k = 0; k < line.length(); k++) {
            char c = line.charAt(k);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    /** Usage: {@code JmhTable results.csv}: prints the table. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: JmhTable <jmh-results.csv>");
        }
        List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        System.out.print(Table.format(rows(lines)));
        System.out.println(String.format(Locale.ROOT,
                "of bound = (baseline-sum time x passes) / time; baseline and rows measured in the same JMH run"));
    }
}
