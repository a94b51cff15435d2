package io.firedrill.verify;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordFormatTest {
    private final RecordFormat.Encoder encoder = new RecordFormat.Encoder(7, 3, 100, 256);

    @Test
    void anEncodedRecordDecodesToWhatWasSent() {
        byte[] value = encoder.value(123_456_789_012L, 42, 1_700_000_000_123L);

        assertThat(value).hasSize(256);
        assertThat(new String(encoder.key(42), StandardCharsets.US_ASCII)).isEqualTo("key-42");
        assertThat(RecordFormat.decode(encoder.key(42), value))
                .isEqualTo(new TrafficRecord(7, 3, 123_456_789_012L, 42, 1_700_000_000_123L));
    }

    @Test
    void everyFlippedBitIsCaught() {
        byte[] value = encoder.value(1, 1, 1_700_000_000_000L);
        for (int bit = 32; bit < value.length * 8; bit++) {
            byte[] damaged = value.clone();
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(RecordFormat.decode(encoder.key(1), damaged)).as("bit %d", bit)
                    .isEqualTo(new Undecodable(Undecodable.Problem.BAD_CHECKSUM));
        }
    }

    @Test
    void truncationUnknownMagicAndAForeignKeyAreNamed() {
        byte[] value = encoder.value(1, 1, 1_700_000_000_000L);

        assertThat(RecordFormat.decode(encoder.key(1), Arrays.copyOf(value, 35)))
                .isEqualTo(new Undecodable(Undecodable.Problem.TRUNCATED));
        assertThat(RecordFormat.decode(encoder.key(1), null)).isEqualTo(new Undecodable(Undecodable.Problem.TRUNCATED));
        assertThat(RecordFormat.decode(encoder.key(1), Arrays.copyOf(value, 255)))
                .as("a cut tail takes the checksum with it").isEqualTo(new Undecodable(Undecodable.Problem.BAD_CHECKSUM));
        byte[] otherMagic = value.clone();
        otherMagic[3] = '2';
        assertThat(RecordFormat.decode(encoder.key(1), otherMagic)).isEqualTo(new Undecodable(Undecodable.Problem.UNKNOWN_MAGIC));
        for (String key : new String[] {"key-2", "key-01", "key-", "kex-1", "key-1 ", "key-99999999999"}) {
            assertThat(RecordFormat.decode(key.getBytes(StandardCharsets.US_ASCII), value)).as(key)
                    .isEqualTo(new Undecodable(Undecodable.Problem.KEY_MISMATCH));
        }
        assertThat(RecordFormat.decode(null, value)).isEqualTo(new Undecodable(Undecodable.Problem.KEY_MISMATCH));
    }

    @Test
    void theSmallestRecordIsTheHeaderAndChecksum() {
        RecordFormat.Encoder smallest = new RecordFormat.Encoder(1, 0, 1, RecordFormat.MIN_RECORD_SIZE);
        byte[] value = smallest.value(0, 0, 5);

        assertThat(value).hasSize(36);
        assertThat(RecordFormat.decode(smallest.key(0), value)).isEqualTo(new TrafficRecord(1, 0, 0, 0, 5));
        assertThatThrownBy(() -> new RecordFormat.Encoder(1, 0, 1, 35))
                .hasMessage("record-size 35 is below the 36 bytes of the traffic record header; use record-size >= 36");
    }

    @Test
    void paddingIsTheSameForOneProducerAndDiffersBetweenProducers() {
        byte[] first = encoder.value(1, 1, 0);
        byte[] second = encoder.value(2, 2, 0);
        byte[] otherProducer = new RecordFormat.Encoder(7, 4, 100, 256).value(1, 1, 0);

        assertThat(Arrays.copyOfRange(first, 32, 252)).isEqualTo(Arrays.copyOfRange(second, 32, 252));
        assertThat(Arrays.copyOfRange(first, 32, 252)).isNotEqualTo(Arrays.copyOfRange(otherProducer, 32, 252));
    }
}
