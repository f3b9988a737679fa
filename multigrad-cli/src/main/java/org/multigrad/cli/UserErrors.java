package org.multigrad.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.ReadOnlyFileSystemException;

/**
 * One sentence for an exception that is the user's to fix (bad options, unusable files): every
 * command's errors go through {@link MultiGradCli#newCommandLine()}'s handler, which prints it
 * after the command's name and exits with status 2, instead of a stack trace.
 */
final class UserErrors {
    private UserErrors() {
    }

    /** The sentence for {@code exception}, or null when it is a bug (which keeps its stack trace). */
    static String message(Throwable exception) {
        if (exception instanceof IllegalArgumentException) {
            return exception.getMessage();
        }
        if (exception instanceof UncheckedIOException unchecked) {
            String message = unchecked.getMessage();
            // a file-system error names its path and reason itself (wrappers tend to repeat the path as the
            // "reason": "cannot write /x: /x"); other wrappers of ours say which file and why
            boolean ownWords = message != null && !message.equals(String.valueOf(unchecked.getCause()));
            return unchecked.getCause() instanceof FileSystemException || !ownWords ? describe(unchecked.getCause()) : message;
        }
        if (exception instanceof IOException io) {
            return describe(io);
        }
        if (exception instanceof org.multigrad.djl.DjlSetupException) {
            return exception.getMessage();
        }
        if (exception instanceof ReadOnlyFileSystemException) {
            return "the file system is read-only";
        }
        return null;
    }

    /** "cannot use PATH: REASON" for file-system errors, the parser's own words for JSON, else the message. */
    static String describe(IOException exception) {
        if (exception instanceof JsonProcessingException json) {
            return "invalid JSON: " + json(json, false);
        }
        if (exception instanceof FileSystemException fileSystem) {
            String reason;
            if (exception instanceof AccessDeniedException) {
                reason = "permission denied";
            } else if (exception instanceof NoSuchFileException) {
                reason = "no such file or directory";
            } else if (exception instanceof NotDirectoryException) {
                reason = "not a directory";
            } else if (exception instanceof FileAlreadyExistsException) {
                reason = "it already exists";
            } else if (exception instanceof DirectoryNotEmptyException) {
                reason = "the directory is not empty";
            } else {
                reason = fileSystem.getReason() == null ? "input/output error" : lowerFirst(fileSystem.getReason());
            }
            String file = fileSystem.getFile() == null ? "a file" : fileSystem.getFile();
            return "cannot use " + file + (fileSystem.getOtherFile() == null ? "" : " (with " + fileSystem.getOtherFile() + ")")
                    + ": " + reason;
        }
        return exception.getMessage() == null ? exception.toString() : exception.getMessage();
    }

    /**
     * Jackson's own words without its source excerpts ("[Source: REDACTED ...; line: 1, column: 5]"
     * becomes "column 5"), then where the problem is: the column for one JSON Lines line
     * ({@code oneLine}), else the line and column.
     */
    static String json(JsonProcessingException exception, boolean oneLine) {
        String message = String.valueOf(exception.getOriginalMessage())
                .replaceAll("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]", oneLine ? "column $2" : "line $1, column $2");
        JsonLocation location = exception.getLocation();
        if (location != null && location.getColumnNr() > 0) {
            message += oneLine ? " at column " + location.getColumnNr()
                    : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        }
        return message;
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
