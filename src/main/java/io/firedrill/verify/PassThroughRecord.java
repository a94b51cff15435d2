package io.firedrill.verify;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The records the harness feeds an application: text, one line, no tabs, so any pipeline (kcat,
 * a shell, a script reading lines) can pass them through unchanged. Value
 * {@code firedrill <run> <seq> <sendMs> <crc32c>}, key {@code k<seq mod 16>}; the checksum covers
 * the rest of the value and the key, so a changed record is told apart from a foreign one.
 */
public final class PassThroughRecord {

    private static final String PREFIX = "firedrill ";
    private static final int KEYS = 16;

    private PassThroughRecord() {
    }

    public static byte[] key(long seq) {
        return ("k" + (seq % KEYS)).getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] value(int runId, long seq, long sendMs) {
        String body = PREFIX + runId + " " + seq + " " + sendMs;
        return (body + " " + checksum(body, key(seq))).getBytes(StandardCharsets.US_ASCII);
    }

    /** What came out of the application, as this run's checker sees it. */
    public sealed interface Read permits Intact, Changed, Foreign {
    }

    /** One of this run's records, exactly as fed. */
    public record Intact(long seq) implements Read {
    }

    /** One of this run's records with its key or value altered. */
    public record Changed(long seq) implements Read {
    }

    /** Not a record this run fed (another run's, or not one of ours at all). */
    public record Foreign() implements Read {
    }

    public static Read read(int runId, byte[] key, byte[] value) {
        if (value == null) {
            return new Foreign();
        }
        String text = new String(value, StandardCharsets.US_ASCII);
        String[] words = text.startsWith(PREFIX) ? text.split(" ") : new String[0];
        if (words.length != 5 || !words[1].equals(Integer.toString(runId))) {
            return new Foreign();
        }
        Optional<Long> seq = number(words[2]);
        if (seq.isEmpty()) {
            return new Foreign();
        }
        String body = String.join(" ", words[0], words[1], words[2], words[3]);
        boolean intact = words[4].equals(checksum(body, key == null ? new byte[0] : key));
        return intact ? new Intact(seq.get()) : new Changed(seq.get());
    }

    private static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String checksum(String body, byte[] key) {
        CRC32C crc = new CRC32C();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        crc.update(key);
        return String.format("%08x", crc.getValue());
    }
}
