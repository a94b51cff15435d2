package io.firedrill.scenario;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A value of the scenario format spelled as one lowercase word ({@code cluster-outage},
 * {@code per-key}); enums implement it so the parser, the messages and the reports all spell a
 * value the way users write it.
 */
public interface Keyword {

    String name();

    /** How the scenario file spells this value. */
    default String keyword() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static <E extends Enum<E> & Keyword> Optional<E> parse(Class<E> type, String text) {
        return Arrays.stream(type.getEnumConstants()).filter(value -> value.keyword().equals(text)).findFirst();
    }

    /** {@code a | b | c}, in declaration order, for messages and docs. */
    static <E extends Enum<E> & Keyword> String choices(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Keyword::keyword).collect(Collectors.joining(" | "));
    }
}
