package org.multigrad.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@value RunOutput#TRAJECTORY} that {@link RunOutput} wrote, whichever command: the columns
 * before {@code seed} identify a run, the rest are {@link TrajectoryRow}'s (absent columns read as
 * absent values). Files of {@code blackbox} before the shared schema, with {@code iteration} for
 * {@code step}, are read too.
 */
public final class TrajectoryReader {
    /** One run: the values of its identifying columns by name, its seed and rows in file order. */
    public record Run(Map<String, String> ids, long seed, List<TrajectoryRow> rows) {
    }

    private TrajectoryReader() {
    }

    /** The runs of {@code file} in order of first appearance. */
    public static List<Run> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<String> header = lines.isEmpty() ? List.of() : fields(lines.get(0));
        int seed = header.indexOf("seed");
        int step = header.indexOf("step") >= 0 ? header.indexOf("step") : header.indexOf("iteration");
        if (seed < 0 || step != seed + 1) {
            throw new IllegalArgumentException(file + ": not a trajectory.csv (its header must name the columns"
                    + " seed and step, got '" + (lines.isEmpty() ? "" : lines.get(0)) + "')");
        }
        int evaluations = header.indexOf("evaluations");
        int distance = header.indexOf("distance");
        int stationarity = header.indexOf("stationarity");
        int constraint = header.indexOf("constraint");
        List<Integer> objectives = numbered(header, "f");
        List<Integer> weights = numbered(header, "w");
        List<Integer> coordinates = numbered(header, "x");
        Map<String, Run> runs = new LinkedHashMap<>();
        for (int line = 1; line < lines.size(); line++) {
            List<String> fields = fields(lines.get(line));
            if (fields.size() != header.size()) {
                throw new IllegalArgumentException(file + " line " + (line + 1) + " has " + fields.size()
                        + " fields, expected " + header.size());
            }
            Map<String, String> ids = new LinkedHashMap<>();
            for (int k = 0; k < seed; k++) {
                ids.put(header.get(k), fields.get(k));
            }
            long runSeed = Long.parseLong(fields.get(seed));
            String key = ids.values() + "|" + runSeed;
            try {
                double[] rowWeights = weights.isEmpty() || fields.get(weights.get(0)).isEmpty() ? null
                        : values(fields, weights);
                TrajectoryRow row = new TrajectoryRow(Long.parseLong(fields.get(step)),
                        evaluations < 0 ? -1 : Long.parseLong(fields.get(evaluations)), values(fields, objectives),
                        distance < 0 ? Double.NaN : Double.parseDouble(fields.get(distance)),
                        stationarity < 0 ? Double.NaN : Double.parseDouble(fields.get(stationarity)), rowWeights,
                        coordinates.isEmpty() ? null : values(fields, coordinates),
                        constraint < 0 ? Double.NaN : Double.parseDouble(fields.get(constraint)));
                runs.computeIfAbsent(key, k -> new Run(ids, runSeed, new ArrayList<>())).rows().add(row);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + " line " + (line + 1) + ": not a number (" + e.getMessage()
                        + ")");
            }
        }
        return runs.values().stream().map(run -> new Run(run.ids(), run.seed(), List.copyOf(run.rows()))).toList();
    }

    /** Indices of the columns {@code prefix}1, {@code prefix}2, ... */
    private static List<Integer> numbered(List<String> header, String prefix) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 1; header.contains(prefix + i); i++) {
            indices.add(header.indexOf(prefix + i));
        }
        return indices;
    }

    private static double[] values(List<String> fields, List<Integer> columns) {
        double[] values = new double[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.parseDouble(fields.get(columns.get(i)));
        }
        return values;
    }

    /** The fields of one CSV line; a field in double quotes may hold commas and doubled quotes. */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int k = 0; k < line.length(); k++) {
            char c = line.charAt(k);
            if (quoted) {
                if (c == '"' && k + 1 < line.length() && line.charAt(k + 1) == '"') {
                    field.append('"');
                    k++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
