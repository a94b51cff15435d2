package io.firedrill.support;

/**
 * The user asked for something that cannot work (a bad file, flag, name or value). The message
 * is one line that says what is wrong and how to fix it; the CLI exits 2.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
