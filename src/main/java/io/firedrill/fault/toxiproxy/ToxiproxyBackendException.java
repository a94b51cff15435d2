package io.firedrill.fault.toxiproxy;

/** A Toxiproxy backend could not start or stopped working; the message says why and what to do. */
public final class ToxiproxyBackendException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ToxiproxyBackendException(String message) {
        super(message);
    }

    public ToxiproxyBackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
