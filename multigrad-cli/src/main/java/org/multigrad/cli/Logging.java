package org.multigrad.cli;

/**
 * The command line's logging switch. DJL and PyTorch's Java side log through SLF4J and the core
 * through {@link System.Logger}; both end in slf4j-simple, configured in
 * {@code simplelogger.properties} to print warnings and errors only. {@code --verbose} lowers the
 * level to info; it works because slf4j-simple reads its level when the first logger is created,
 * which happens after the options are parsed (DJL is loaded by the command that runs).
 */
final class Logging {
    static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    private Logging() {
    }

    static void verbose() {
        System.setProperty(LEVEL_PROPERTY, "info");
        // system properties win over simplelogger.properties, where DJL is set to errors only
        System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "info");
    }
}
