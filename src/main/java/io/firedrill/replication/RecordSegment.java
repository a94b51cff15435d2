package io.firedrill.replication;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The binary format of a snapshot segment file, big-endian:
 * <pre>
 * file   := MAGIC record*
 * record := offset:int64 timestamp:int64 timestampType:int8 key:bytes value:bytes headerCount:int32 header*
 * header := key:utf8 value:bytes
 * bytes  := length:int32 (-1 for null) data
 * utf8   := length:int32 data
 * </pre>
 */
final class RecordSegment {

    static final byte[] MAGIC = "FDSEG1\n".getBytes(StandardCharsets.US_ASCII);

    /** A record as it was on the source: its offset, CreateTime or LogAppendTime, key, value, headers. */
    record StoredRecord(long offset, long timestamp, TimestampType timestampType, byte[] key, byte[] value,
                        List<Header> headers) {

        static StoredRecord of(ConsumerRecord<byte[], byte[]> record) {
            return new StoredRecord(record.offset(), record.timestamp(), record.timestampType(), record.key(),
                    record.value(), Arrays.asList(record.headers().toArray()));
        }
    }

    private RecordSegment() {}

    static void writeHeader(DataOutputStream out) throws IOException {
        out.write(MAGIC);
    }

    static void write(DataOutputStream out, StoredRecord record) throws IOException {
        out.writeLong(record.offset());
        out.writeLong(record.timestamp());
        out.writeByte(record.timestampType() == TimestampType.LOG_APPEND_TIME ? 1 : 0);
        writeBytes(out, record.key());
        writeBytes(out, record.value());
        out.writeInt(record.headers().size());
        for (Header header : record.headers()) {
            writeBytes(out, header.key().getBytes(StandardCharsets.UTF_8));
            writeBytes(out, header.value());
        }
    }

    static void readHeader(DataInputStream in, String file) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException(file + " is not a Firedrill segment file (bad magic)");
        }
    }

    /** The next record, or null at a clean end of file; a record cut in the middle throws. */
    static StoredRecord read(DataInputStream in) throws IOException {
        long offset;
        try {
            offset = in.readLong();
        } catch (EOFException cleanEnd) {
            return null;
        }
        long timestamp = in.readLong();
        TimestampType type = in.readByte() == 1 ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME;
        byte[] key = readBytes(in);
        byte[] value = readBytes(in);
        int headerCount = in.readInt();
        if (headerCount < 0 || headerCount > 100_000) {
            throw new IOException("implausible header count " + headerCount + " at offset " + offset);
        }
        List<Header> headers = new ArrayList<>(headerCount);
        for (int i = 0; i < headerCount; i++) {
            byte[] headerKey = readBytes(in);
            if (headerKey == null) {
                throw new IOException("null header key at offset " + offset);
            }
            headers.add(new RecordHeader(new String(headerKey, StandardCharsets.UTF_8), readBytes(in)));
        }
        return new StoredRecord(offset, timestamp, type, key, value, headers);
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        if (bytes == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > 64 * 1024 * 1024) {
            throw new IOException("implausible field length " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}
