package io.firedrill.verify;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * The bytes of a drill's traffic record, so that every stored or consumed record can be traced
 * back to one send in the {@link Ledger} and any damage to it is caught.
 *
 * <p>Value layout, big-endian, {@code recordSize} bytes in all:
 * <pre>
 * offset  size  field
 *      0     4  magic 0x46445231 ("FDR1": Firedrill record, layout version 1)
 *      4     4  run id: the ledger's random id, so records of another drill run are told apart
 *      8     4  producer id: the producer's index in the ledger
 *     12     8  sequence: 0, 1, 2 ... per producer, never reused, continues across re-points
 *     20     4  key index: sequence mod the producer's key count
 *     24     8  send time, epoch milliseconds, taken just before KafkaProducer.send
 *     32     n  padding: random bytes fixed per producer (incompressible, so compression does not flatter throughput)
 * size-4     4  CRC32C of bytes [0, size-4)
 * </pre>
 * The key is the ASCII string {@code key-<key index>} (decimal), so the default partitioner puts
 * one key on one partition on every cluster. The minimum record size is {@value #MIN_RECORD_SIZE}
 * bytes (no padding).
 *
 * <p>Decoding names what is wrong instead of throwing: a value shorter than the header is
 * {@link Undecodable.Problem#TRUNCATED}, other leading bytes {@link Undecodable.Problem#UNKNOWN_MAGIC},
 * a checksum that does not match {@link Undecodable.Problem#BAD_CHECKSUM}, a key that does not
 * spell the value's key index {@link Undecodable.Problem#KEY_MISMATCH}.
 */
public final class RecordFormat {

    public static final int MAGIC = 0x46445231;
    public static final int HEADER_SIZE = 32;
    public static final int CHECKSUM_SIZE = 4;
    public static final int MIN_RECORD_SIZE = HEADER_SIZE + CHECKSUM_SIZE;

    private static final byte[] KEY_PREFIX = "key-".getBytes(StandardCharsets.US_ASCII);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private RecordFormat() {
    }

    /** The record key of a key index: {@code key-<index>}. */
    public static byte[] key(int keyIndex) {
        return ("key-" + keyIndex).getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads a record; a {@link TrafficRecord} when it is intact, an {@link Undecodable} saying why otherwise. */
    public static Decoded decode(byte[] key, byte[] value) {
        if (value == null || value.length < MIN_RECORD_SIZE) {
            return Undecodable.TRUNCATED;
        }
        if ((int) INT.get(value, 0) != MAGIC) {
            return Undecodable.UNKNOWN_MAGIC;
        }
        int checksumAt = value.length - CHECKSUM_SIZE;
        CRC32C crc = new CRC32C();
        crc.update(value, 0, checksumAt);
        if ((int) crc.getValue() != (int) INT.get(value, checksumAt)) {
            return Undecodable.BAD_CHECKSUM;
        }
        int keyIndex = (int) INT.get(value, 20);
        if (!keySpells(key, keyIndex)) {
            return Undecodable.KEY_MISMATCH;
        }
        return new TrafficRecord((int) INT.get(value, 4), (int) INT.get(value, 8), (long) LONG.get(value, 12),
                keyIndex, (long) LONG.get(value, 24));
    }

    /** Whether {@code key} is exactly {@code key-<keyIndex>}, without building a string. */
    private static boolean keySpells(byte[] key, int keyIndex) {
        if (key == null || keyIndex < 0 || key.length <= KEY_PREFIX.length) {
            return false;
        }
        for (int i = 0; i < KEY_PREFIX.length; i++) {
            if (key[i] != KEY_PREFIX[i]) {
                return false;
            }
        }
        long parsed = 0;
        for (int i = KEY_PREFIX.length; i < key.length; i++) {
            int digit = key[i] - '0';
            if (digit < 0 || digit > 9 || parsed > Integer.MAX_VALUE || (i > KEY_PREFIX.length && parsed == 0)) {
                return false;
            }
            parsed = parsed * 10 + digit;
        }
        return parsed == keyIndex;
    }

    /**
     * Builds the records of one producer. Not thread-safe: one per producer thread. Each value is
     * a fresh array because the Kafka producer keeps it until the batch is sent.
     */
    public static final class Encoder {
        private final int runId;
        private final int producerId;
        private final int recordSize;
        private final byte[] padding;
        private final byte[][] keys;
        private final CRC32C crc = new CRC32C();

        public Encoder(int runId, int producerId, int keyCount, int recordSize) {
            if (recordSize < MIN_RECORD_SIZE) {
                throw new IllegalArgumentException("record-size " + recordSize + " is below the "
                        + MIN_RECORD_SIZE + " bytes of the traffic record header; use record-size >= " + MIN_RECORD_SIZE);
            }
            if (keyCount < 1) {
                throw new IllegalArgumentException("keys must be at least 1, got " + keyCount);
            }
            this.runId = runId;
            this.producerId = producerId;
            this.recordSize = recordSize;
            this.padding = new byte[recordSize - MIN_RECORD_SIZE];
            new SplittableRandom(((long) runId << 32) ^ producerId).nextBytes(padding);
            this.keys = new byte[keyCount][];
        }

        public byte[] key(int keyIndex) {
            byte[] key = keys[keyIndex];
            if (key == null) {
                key = RecordFormat.key(keyIndex);
                keys[keyIndex] = key;
            }
            return key;
        }

        public byte[] value(long seq, int keyIndex, long sendTimeMs) {
            byte[] value = new byte[recordSize];
            INT.set(value, 0, MAGIC);
            INT.set(value, 4, runId);
            INT.set(value, 8, producerId);
            LONG.set(value, 12, seq);
            INT.set(value, 20, keyIndex);
            LONG.set(value, 24, sendTimeMs);
            System.arraycopy(padding, 0, value, HEADER_SIZE, padding.length);
            int checksumAt = recordSize - CHECKSUM_SIZE;
            crc.reset();
            crc.update(value, 0, checksumAt);
            INT.set(value, checksumAt, (int) crc.getValue());
            return value;
        }
    }

    /** The outcome of {@link #decode}: a {@link TrafficRecord} or an {@link Undecodable}. */
    public sealed interface Decoded permits TrafficRecord, Undecodable {
    }
}
