package io.firedrill.fault;

/** A fault in force: what was asked, since when, and how to undo exactly it. */
public record ActiveFault(int id, FaultRequest request, long injectedAtMs, Runnable healer) {

    public String describe() {
        return "#" + id + " " + request.describe();
    }
}
