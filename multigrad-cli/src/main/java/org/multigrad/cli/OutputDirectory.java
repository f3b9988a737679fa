package org.multigrad.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The {@code --out} directory of a command, checked before anything is computed: a directory (created
 * when missing) that this process can write into, and, for commands whose files would replace an
 * earlier run's, empty unless {@code --force} is given.
 */
final class OutputDirectory {
    private OutputDirectory() {
    }

    /** Creates {@code out} when missing and checks that it is a directory this process can write into. */
    static void requireWritable(Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file, not a directory");
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + out + ": cannot create the directory ("
                    + UserErrors.describe(e) + ")");
        }
        try {
            Files.delete(Files.createTempFile(out, ".multigrad-write-check", ".tmp"));
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + out + " is not writable (" + UserErrors.describe(e) + ")");
        }
    }

    /**
     * {@link #requireWritable} for a command that writes a whole new set of results: a directory that
     * already holds files is refused unless {@code force}, and then the top-level files matching
     * {@code outputs} (a glob of the files the command writes, e.g. {@code *.{png,csv,json}}) are
     * deleted first, so that no figure of the earlier run stays next to the new ones.
     */
    static void replace(Path out, boolean force, String outputs) {
        if (Files.isDirectory(out) && !force && !isEmpty(out)) {
            throw new IllegalArgumentException("--out " + out + " already holds files (an earlier run's results?);"
                    + " choose another --out, or pass --force to replace its " + outputs + " files");
        }
        requireWritable(out);
        if (force) {
            try (DirectoryStream<Path> stale = Files.newDirectoryStream(out, outputs)) {
                for (Path file : stale) {
                    if (Files.isRegularFile(file)) {
                        Files.delete(file);
                    }
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("--force: cannot remove the earlier results in " + out + " ("
                        + UserErrors.describe(e) + ")");
            }
        }
    }

    private static boolean isEmpty(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + directory + " cannot be listed (" + UserErrors.describe(e) + ")");
        }
    }
}
