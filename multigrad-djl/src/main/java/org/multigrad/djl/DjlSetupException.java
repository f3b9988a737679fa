package org.multigrad.djl;

/** This JVM cannot train the way MultiGrad requires (e.g. it lacks the options that switch oneDNN off); the message says what to change. */
public final class DjlSetupException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public DjlSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
