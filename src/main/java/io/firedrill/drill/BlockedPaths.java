package io.firedrill.drill;

import io.firedrill.scenario.ClusterRole;
import io.firedrill.scenario.FaultType;
import io.firedrill.scenario.RestoreSource;
import io.firedrill.scenario.Scenario;
import io.firedrill.scenario.Step;
import io.firedrill.scenario.Target;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Steps that need a path a fault still cuts: a restore from the backup or a failback over a
 * partitioned replication link or onto a cluster that is down, an await on replication or on
 * consumers whose cluster is down. The drill fails such a step at once, naming the fault and the
 * step that injected it, instead of waiting for a process to time out; {@code drill validate}
 * warns about such orders before anything starts.
 */
public final class BlockedPaths {

    private BlockedPaths() {
    }

    /** One step that would find its path cut, and why. */
    public record Blocked(Step step, Step.Fault fault, String message) {}

    /**
     * Why {@code step} cannot work while {@code active} faults are in force, with clients on
     * {@code clientsOn}; empty when nothing it needs is cut.
     */
    static Optional<String> blockedBy(Step step, List<Step.Fault> active, ClusterRole clientsOn) {
        return cut(step, active, clientsOn).map(fault -> message(step, fault));
    }

    private static Optional<Step.Fault> cut(Step step, List<Step.Fault> active, ClusterRole clientsOn) {
        List<Target> needed = step.accept(new PathsNeeded(clientsOn));
        return active.stream().filter(fault -> cutsPath(fault.type()) && needed.contains(fault.target())).findFirst();
    }

    /** The links and clusters a step needs to get through. */
    private record PathsNeeded(ClusterRole clientsOn) implements Step.Visitor<List<Target>> {
        @Override
        public List<Target> await(Step.Await step) {
            return switch (step.condition()) {
                case REPLICATION_HEALTHY, REPLICATION_CAUGHT_UP -> replicationPaths();
                case CONSUMERS_CAUGHT_UP -> List.of(new Target.Cluster(clientsOn), new Target.ClientLink(clientsOn));
                case DISASTER_DETECTED, RESTORE_COMPLETE -> List.of();
            };
        }

        @Override
        public List<Target> restore(Step.Restore step) {
            return step.from() == RestoreSource.BACKUP ? List.of(Target.REPLICATION_LINK, new Target.Cluster(ClusterRole.BACKUP)) : List.of();
        }

        @Override
        public List<Target> failback(Step.Failback step) {
            return replicationPaths();
        }

        @Override
        public List<Target> run(Step.Run step) {
            return List.of();
        }

        @Override
        public List<Target> fault(Step.Fault step) {
            return List.of();
        }

        @Override
        public List<Target> heal(Step.Heal step) {
            return List.of();
        }

        @Override
        public List<Target> backup(Step.Backup step) {
            return List.of();
        }

        @Override
        public List<Target> failover(Step.Failover step) {
            return List.of();
        }

        @Override
        public List<Target> stopTraffic(Step.StopTraffic step) {
            return List.of();
        }
    }

    private static List<Target> replicationPaths() {
        return List.of(Target.REPLICATION_LINK, new Target.Cluster(ClusterRole.PRIMARY), new Target.Cluster(ClusterRole.BACKUP));
    }

    /** Faults that leave nothing through: a cut link, a whole cluster down. Slow or lossy paths still work. */
    private static boolean cutsPath(FaultType type) {
        return type == FaultType.PARTITION || type == FaultType.CLUSTER_OUTAGE || type == FaultType.POWER_LOSS;
    }

    private static String message(Step step, Step.Fault fault) {
        return step.keyword() + (step instanceof Step.Await await ? " " + await.condition().keyword() : "")
                + " cannot work: the " + fault.type().keyword() + " on " + fault.target().text() + " injected by step "
                + fault.index() + " (line " + fault.line() + ") is still in force; heal it before this step";
    }

    /**
     * Every step of {@code scenario} that will find its path cut, following the faults the steps
     * inject and heal in file order (a fault with a duration heals itself within its step).
     */
    public static List<Blocked> inOrder(Scenario scenario) {
        List<Blocked> blocked = new ArrayList<>();
        List<Step.Fault> active = new ArrayList<>();
        ClusterRole clientsOn = ClusterRole.PRIMARY;
        for (Step step : scenario.steps()) {
            cut(step, active, clientsOn).ifPresent(fault -> blocked.add(new Blocked(step, fault, message(step, fault))));
            if (step instanceof Step.Fault fault && fault.duration().isEmpty()) {
                active.add(fault);
            } else if (step instanceof Step.Heal heal) {
                active.removeIf(fault -> heal.target().map(target -> target.covers(fault.target())).orElse(true));
            } else if (step instanceof Step.Restore restore) {
                // the restore rebuilds its target: the faults on it go with the old brokers
                active.removeIf(fault -> new Target.Cluster(restore.to()).covers(fault.target()));
            } else if (step instanceof Step.Failover) {
                clientsOn = ClusterRole.BACKUP;
            } else if (step instanceof Step.Failback) {
                clientsOn = ClusterRole.PRIMARY;
            }
        }
        return blocked;
    }
}
