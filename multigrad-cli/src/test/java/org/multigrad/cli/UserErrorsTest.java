package org.multigrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import org.junit.jupiter.api.Test;

/** The one sentence every command prints for an error that is the user's to fix. */
class UserErrorsTest {
    @Test
    void fileSystemErrorsNameThePathAndTheProblem() {
        assertEquals("cannot use /runs/a: permission denied", UserErrors.message(new AccessDeniedException("/runs/a")));
        assertEquals("cannot use /runs/a: not a directory", UserErrors.message(new NotDirectoryException("/runs/a")));
        assertEquals("cannot use /runs/a: no space left on device",
                UserErrors.message(new FileSystemException("/runs/a", null, "No space left on device")));
        assertEquals("cannot use /runs/a: permission denied",
                UserErrors.message(new UncheckedIOException(new AccessDeniedException("/runs/a"))));
        assertEquals("cannot use /runs/a/result.json: permission denied", UserErrors.message(new UncheckedIOException(
                "cannot write /runs/a/result.json: /runs/a/result.json", new AccessDeniedException("/runs/a/result.json"))));
        assertEquals("cannot write /runs/a: disk full",
                UserErrors.message(new UncheckedIOException("cannot write /runs/a: disk full", new IOException("disk full"))));
        assertNull(UserErrors.message(new IllegalStateException("a bug")), "bugs keep their stack trace");
    }

    @Test
    void jsonErrorsKeepTheParsersWordsWithoutItsSourceExcerpt() {
        JsonProcessingException error = assertThrows(JsonProcessingException.class,
                () -> new ObjectMapper().readTree("{\n  \"epochs\": [1, 2\n}"));
        String message = UserErrors.message(error);
        assertEquals(false, message.contains("Source"), message);
        assertEquals(false, message.contains("REDACTED"), message);
        assertEquals(true, message.startsWith("invalid JSON: Unexpected close marker '}'"), message);
        assertEquals(true, message.endsWith("(for Array starting at line 2, column 13) at line 3, column 1"), message);
    }
}
