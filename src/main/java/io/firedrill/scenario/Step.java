package io.firedrill.scenario;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** One step of a drill, run in file order; each type of the contract is one record. */
public sealed interface Step
        permits Step.Await, Step.Run, Step.Fault, Step.Heal, Step.Backup, Step.Failover, Step.Restore,
        Step.Failback, Step.StopTraffic {

    StepSource source();

    /** The step's key in the file: {@code await}, {@code fault}, {@code stop-traffic} ... */
    String keyword();

    /** 1-based position among the steps. */
    default int index() {
        return source().index();
    }

    /** 1-based line of the step in its file. */
    default int line() {
        return source().line();
    }

    /** The step as written, on one line; the timeline's "action". */
    default String text() {
        return source().text();
    }

    /** Waits until {@code condition} holds; the step fails after {@code timeout}. */
    record Await(StepSource source, AwaitCondition condition, Duration timeout) implements Step {
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

        public Await {
            Objects.requireNonNull(condition, "condition");
            Objects.requireNonNull(timeout, "timeout");
        }

        @Override
        public String keyword() {
            return "await";
        }
    }

    /** Traffic flows for {@code duration}. */
    record Run(StepSource source, Duration duration) implements Step {
        public Run {
            Objects.requireNonNull(duration, "duration");
        }

        @Override
        public String keyword() {
            return "run";
        }
    }

    /**
     * Injects a fault and goes on at once. {@code attributes} holds every attribute of the type,
     * defaults filled in, in {@link FaultAttribute#unit()}. {@code duration} empty means until a
     * {@code heal}. {@code direction} and {@code toxicity} matter for toxics only; other faults
     * carry {@code BOTH} and 1.
     */
    record Fault(StepSource source, FaultType type, Target target, Map<FaultAttribute, Long> attributes,
                 Optional<Duration> duration, Direction direction, double toxicity) implements Step {
        public Fault {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(target, "target");
            if (!attributes.keySet().equals(Set.copyOf(type.attributes()))) {
                throw new IllegalArgumentException(type.keyword() + " takes " + type.attributes() + ", got " + attributes.keySet());
            }
            EnumMap<FaultAttribute, Long> ordered = new EnumMap<>(FaultAttribute.class);
            ordered.putAll(attributes);
            attributes = Collections.unmodifiableMap(ordered);
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(direction, "direction");
        }

        @Override
        public String keyword() {
            return "fault";
        }

        /** The value of one of the type's attributes, in {@link FaultAttribute#unit()}. */
        public long attribute(FaultAttribute attribute) {
            Long value = attributes.get(attribute);
            if (value == null) {
                throw new IllegalArgumentException(type.keyword() + " takes no " + attribute.keyword());
            }
            return value;
        }
    }

    /** Removes every fault on {@code target} (and on the brokers of a target cluster); empty target: all faults. */
    record Heal(StepSource source, Optional<Target> target) implements Step {
        public Heal {
            Objects.requireNonNull(target, "target");
        }

        @Override
        public String keyword() {
            return "heal";
        }

        public boolean all() {
            return target.isEmpty();
        }
    }

    /** Snapshots the critical topics, the group offsets and the topic configs into backup storage. */
    record Backup(StepSource source) implements Step {
        @Override
        public String keyword() {
            return "backup";
        }
    }

    /** Moves producers and consumer groups to the backup; groups resume at translated offsets. */
    record Failover(StepSource source) implements Step {
        @Override
        public String keyword() {
            return "failover";
        }
    }

    /** Rebuilds {@code to} empty and copies the data onto it from {@code from}. */
    record Restore(StepSource source, ClusterRole to, RestoreSource from) implements Step {
        public Restore {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(from, "from");
        }

        @Override
        public String keyword() {
            return "restore";
        }
    }

    /** Moves clients back to the primary; groups resume at offsets translated back. */
    record Failback(StepSource source) implements Step {
        @Override
        public String keyword() {
            return "failback";
        }
    }

    /** Stops producers and consumers (traffic also stops at the end of the steps). */
    record StopTraffic(StepSource source) implements Step {
        @Override
        public String keyword() {
            return "stop-traffic";
        }
    }
}
