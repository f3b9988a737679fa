package org.multigrad.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.multigrad.blackbox.BlackBoxExperiment;

/** Reads back the {@code trajectory.csv} written by {@code multigrad blackbox}. */
final class TrajectoryFiles {
    private static final String HEADER_START = "problem,method,dimension,samples,seed,iteration,evaluations,";

    private TrajectoryFiles() {
    }

    /**
     * One result per (problem, method, dimension, samples, seed), in file order. The budget is not
     * in the file and is taken as the last logged evaluation count; the run time is NaN.
     */
    static List<BlackBoxExperiment.Result> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--from: " + file + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !lines.get(0).startsWith(HEADER_START) || !lines.get(0).endsWith(",distance")) {
            throw new IllegalArgumentException(file + ": not a trajectory.csv (header must start with '"
                    + HEADER_START + "' and end with ',distance')");
        }
        int columns = lines.get(0).split(",").length;
        Map<String, List<String[]>> runs = new LinkedHashMap<>();
        for (int row = 1; row < lines.size(); row++) {
            String[] fields = lines.get(row).split(",");
            if (fields.length != columns) {
                throw new IllegalArgumentException(file + " line " + (row + 1) + " has " + fields.length
                        + " fields, expected " + columns);
            }
            runs.computeIfAbsent(fields[0] + "," + fields[1] + "," + fields[2] + "," + fields[3] + "," + fields[4],
                    key -> new ArrayList<>()).add(fields);
        }
        List<BlackBoxExperiment.Result> results = new ArrayList<>();
        for (List<String[]> rows : runs.values()) {
            List<BlackBoxExperiment.Point> points = new ArrayList<>();
            for (String[] fields : rows) {
                double[] objectives = new double[columns - 8];
                for (int i = 0; i < objectives.length; i++) {
                    objectives[i] = Double.parseDouble(fields[7 + i]);
                }
                points.add(new BlackBoxExperiment.Point(Long.parseLong(fields[5]), Long.parseLong(fields[6]),
                        objectives, Double.parseDouble(fields[columns - 1])));
            }
            String[] first = rows.get(0);
            results.add(new BlackBoxExperiment.Result(first[1], first[0], Integer.parseInt(first[2]),
                    Integer.parseInt(first[3]), Long.parseLong(first[4]), points.get(points.size() - 1).evaluations(),
                    List.copyOf(points), Double.NaN));
        }
        return results;
    }
}
