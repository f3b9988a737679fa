package org.multigrad.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Detects a standard input that was closed when the JVM started ({@code multigrad aggregate <&-}):
 * file descriptor 0 is then reused by the first file the JVM opens (its class library or the jar),
 * which {@code System.in} would read as input. Such an input is treated as empty.
 */
final class StandardInput {
    private StandardInput() {
    }

    /** True when file descriptor 0 is a file of the JVM itself or of the class path (Linux; false elsewhere). */
    static boolean wasClosedAtStart() {
        try {
            Path target = Files.readSymbolicLink(Paths.get("/proc/self/fd/0"));
            return isJvmFile(target, Paths.get(System.getProperty("java.home")), System.getProperty("java.class.path", ""));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** True when {@code target} lies in the JDK at {@code javaHome} or is an entry of {@code classPath}. */
    static boolean isJvmFile(Path target, Path javaHome, String classPath) {
        Path file = real(target);
        if (file.startsWith(real(javaHome))) {
            return true;
        }
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty() && file.equals(real(Paths.get(entry)))) {
                return true;
            }
        }
        return false;
    }

    /** The path with symbolic links resolved (/proc names real paths), or as given when it does not exist. */
    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
