package io.firedrill.verify;

/**
 * A cluster as the ledger knows it: the alias a drill gives it ({@code primary}, {@code backup})
 * and a small index the ledger packs next to each acknowledged record.
 */
public record ClusterId(int index, String alias) {
}
