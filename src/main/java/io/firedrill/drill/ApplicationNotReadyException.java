package io.firedrill.drill;

/**
 * An application that did not become ready in time (after its start, a restart or a repoint): a
 * finding about the application, so the drill FAILs naming the readiness condition rather than
 * breaking as an ERROR.
 */
final class ApplicationNotReadyException extends RuntimeException {

    private final String application;

    ApplicationNotReadyException(String application, String message) {
        super(message);
        this.application = application;
    }

    String application() {
        return application;
    }
}
