package io.firedrill.scenario;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** One step of a drill, run in file order; each type of the contract is one record. */
public sealed interface Step
        permits Step.Await, Step.Run, Step.Fault, Step.Heal, Step.Backup, Step.Failover, Step.Restore,
        Step.Failback, Step.StopTraffic {

    StepSource source();

    /**
     * Hands this step to the method of {@code visitor} for its type. Every interpreter of steps
     * (the drill, its text, validation) is a visitor: a new step type adds a method here, and each
     * interpreter that does not handle it stops compiling.
     */
    <R> R accept(Visitor<R> visitor);

    /** What the step must bring about, for the drill's process table ("replication-caught-up within 30s"). */
    String conditionText();

    /** The kind of trouble the step rehearses: its fault's family, {@code RESTORE} for a restore; empty for the rest. */
    default Optional<FaultFamily> family() {
        return Optional.empty();
    }

    /** One method per step type; implementations have no fallback. */
    interface Visitor<R> {
        R await(Await step);

        R run(Run step);

        R fault(Fault step);

        R heal(Heal step);

        R backup(Backup step);

        R failover(Failover step);

        R restore(Restore step);

        R failback(Failback step);

        R stopTraffic(StopTraffic step);
    }

    /** The step's key in the file: {@code await}, {@code fault}, {@code stop-traffic} ... */
    default String keyword() {
        // each record is named after its key: StopTraffic is stop-traffic
        return getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

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
        @Override
        public String conditionText() {
            return condition.keyword() + " within " + Durations.format(timeout);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.await(this);
        }

        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

        public Await {
            Objects.requireNonNull(condition, "condition");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /** Traffic flows for {@code duration}. */
    record Run(StepSource source, Duration duration) implements Step {
        @Override
        public String conditionText() {
            return "traffic flows for " + Durations.format(duration);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.run(this);
        }

        public Run {
            Objects.requireNonNull(duration, "duration");
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
        @Override
        public Optional<FaultFamily> family() {
            return Optional.of(type.family(target));
        }

        @Override
        public String conditionText() {
            return type.keyword() + " on " + target.text() + duration.map(d -> " for " + Durations.format(d)).orElse(" until healed");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.fault(this);
        }

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
        @Override
        public String conditionText() {
            return target.map(on -> "faults on " + on.text() + " removed").orElse("every fault removed");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.heal(this);
        }

        public Heal {
            Objects.requireNonNull(target, "target");
        }

        public boolean all() {
            return target.isEmpty();
        }
    }

    /** Snapshots the critical topics, the group offsets and the topic configs into backup storage. */
    record Backup(StepSource source) implements Step {
        @Override
        public String conditionText() {
            return "critical topics, group offsets and configs snapshotted to backup storage";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.backup(this);
        }

    }

    /**
     * Fails over to the backup: {@code move} moves producers and consumer groups there, groups at
     * translated offsets; {@code redirect} flips the active address and the clients, on
     * {@code metadata.recovery.strategy=rebootstrap} when {@code rebootstrap}, recover by themselves.
     */
    record Failover(StepSource source, ClientsMode clients, boolean rebootstrap) implements Step {
        /** How long each redirected client gets, after an address flip, to produce or consume on the new cluster. */
        public static final Duration RECOVERY_WAIT = Duration.ofSeconds(20);

        public Failover {
            Objects.requireNonNull(clients, "clients");
        }

        @Override
        public String conditionText() {
            return clients == ClientsMode.MOVE ? "producers and groups move to the backup cluster"
                    : "the active address points at the backup; every client produces or consumes there within "
                    + Durations.format(RECOVERY_WAIT);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.failover(this);
        }

    }

    /** Rebuilds {@code to} empty and copies the data onto it from {@code from}. */
    record Restore(StepSource source, ClusterRole to, RestoreSource from) implements Step {
        @Override
        public Optional<FaultFamily> family() {
            return Optional.of(FaultFamily.RESTORE);
        }

        @Override
        public String conditionText() {
            return to.keyword() + " rebuilt empty, restored from " + from.keyword();
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.restore(this);
        }

        public Restore {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(from, "from");
        }
    }

    /** Moves clients back to the primary; groups resume at offsets translated back. */
    record Failback(StepSource source) implements Step {
        @Override
        public String conditionText() {
            return "clients return to the primary cluster";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.failback(this);
        }

    }

    /** Stops producers and consumers (traffic also stops at the end of the steps). */
    record StopTraffic(StepSource source) implements Step {
        @Override
        public String conditionText() {
            return "producers stop";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.stopTraffic(this);
        }

    }
}
