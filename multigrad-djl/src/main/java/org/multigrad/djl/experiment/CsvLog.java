package org.multigrad.djl.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a CSV file that a run appends to line by line ({@code metrics.csv},
 * {@code positions.csv}). A process killed while its writer flushed leaves a last line without its
 * newline, cut anywhere, even inside a number; that row is left out, so a resumed run neither rejects
 * the file nor keeps a truncated value. Every complete row is returned as written.
 */
final class CsvLog {
    private CsvLog() {
    }

    /** The complete rows after the header line, in file order. */
    static List<String> completeRows(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<String> rows = new ArrayList<>();
        int start = text.indexOf('\n') + 1; // past the header; 0 when there is no complete header
        if (start == 0) {
            return rows;
        }
        for (int end = text.indexOf('\n', start); end >= 0; end = text.indexOf('\n', start)) {
            rows.add(text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end));
            start = end + 1;
        }
        return rows;
    }
}
