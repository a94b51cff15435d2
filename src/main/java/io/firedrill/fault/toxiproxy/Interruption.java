package io.firedrill.fault.toxiproxy;

/**
 * Why a toxic stopped waiting: its chain was changed (the data in hand is then resumed through the
 * new chain) or its link was closed. Preallocated and without stack traces: they are control flow.
 */
final class Interruption extends Exception {

    private static final long serialVersionUID = 1L;

    static final Interruption CHAIN_CHANGED = new Interruption("toxic chain changed");
    static final Interruption LINK_CLOSED = new Interruption("link closed");

    private Interruption(String message) {
        super(message, null, false, false);
    }
}
