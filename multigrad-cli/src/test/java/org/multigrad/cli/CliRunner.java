package org.multigrad.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs the CLI in-process with captured standard input, output and error. */
final class CliRunner {
    record Result(int exitCode, String out, String err) {
    }

    private CliRunner() {
    }

    static Result run(String stdin, String... args) {
        return run(stdin, new ByteArrayOutputStream(), args);
    }

    /** Runs with {@code System.out} writing into {@code stdout}; the result's out holds what a ByteArrayOutputStream caught. */
    static synchronized Result run(String stdin, java.io.OutputStream stdout, String... args) {
        InputStream originalIn = System.in;
        PrintStream originalOut = System.out;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            CommandLine commandLine = MultiGradCli.newCommandLine();
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            int code = commandLine.execute(args);
            System.out.flush();
            String printed = stdout instanceof ByteArrayOutputStream bytes ? bytes.toString(StandardCharsets.UTF_8) : "";
            return new Result(code, printed + out, err.toString());
        } finally {
            System.setIn(originalIn);
            System.setOut(originalOut);
        }
    }
}
