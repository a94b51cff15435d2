package io.firedrill.verify;

/** A record whose bytes are not an intact traffic record, and why. */
public record Undecodable(Problem problem) implements RecordFormat.Decoded {

    public enum Problem {
        /** The value is shorter than the record header plus checksum, or absent. */
        TRUNCATED,
        /** The value does not start with the record magic. */
        UNKNOWN_MAGIC,
        /** The CRC32C over the value does not match the stored one. */
        BAD_CHECKSUM,
        /** The key is not {@code key-<key index>} of the value's key index. */
        KEY_MISMATCH
    }

    static final Undecodable TRUNCATED = new Undecodable(Problem.TRUNCATED);
    static final Undecodable UNKNOWN_MAGIC = new Undecodable(Problem.UNKNOWN_MAGIC);
    static final Undecodable BAD_CHECKSUM = new Undecodable(Problem.BAD_CHECKSUM);
    static final Undecodable KEY_MISMATCH = new Undecodable(Problem.KEY_MISMATCH);
}
