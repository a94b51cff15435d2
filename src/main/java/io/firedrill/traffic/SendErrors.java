package io.firedrill.traffic;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidRequiredAcksException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

import java.util.List;

/**
 * Which send errors prove the record was not written. Only errors that reject a record outright
 * (it can never be appended, or its transaction was aborted) are definite; everything else,
 * timeouts first of all, leaves the outcome unknown: a retried batch may have been written by an
 * earlier attempt whose answer was lost.
 */
final class SendErrors {
    private static final List<Class<? extends Throwable>> DEFINITE = List.of(
            RecordTooLargeException.class, RecordBatchTooLargeException.class, InvalidTopicException.class,
            SerializationException.class, AuthorizationException.class, AuthenticationException.class,
            InvalidRecordException.class, InvalidTimestampException.class, UnsupportedVersionException.class,
            InvalidRequiredAcksException.class, TransactionAbortedException.class);

    private SendErrors() {
    }

    static boolean isDefinite(Throwable error) {
        for (Class<? extends Throwable> type : DEFINITE) {
            if (type.isInstance(error)) {
                return true;
            }
        }
        return false;
    }
}
