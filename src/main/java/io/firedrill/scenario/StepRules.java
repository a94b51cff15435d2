package io.firedrill.scenario;

import io.firedrill.scenario.StepReader.ReadStep;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks the order of the steps: what a step needs must have happened before it (a backup before
 * a restore from backup storage, a failover before a failback, a fault before a heal of its
 * target). A step whose own settings are wrong still counts by its kind, and a fault whose target
 * is unknown silences the heal checks, so one mistake does not bring a cascade of others.
 */
final class StepRules {

    /** Faults that leave the primary unusable until healed or restored. */
    private static final Set<FaultType> PRIMARY_DOWN = Set.of(FaultType.CLUSTER_OUTAGE, FaultType.BROKER_KILL,
            FaultType.BROKER_PAUSE, FaultType.PARTITION);

    private final Values values;
    private final List<Step.Fault> active = new ArrayList<>();
    /** Clusters a fault took down at some point: the only ones a restore may rebuild (wipe). */
    private final Set<ClusterRole> everDown = EnumSet.noneOf(ClusterRole.class);
    private boolean faultSeen;
    private boolean unknownFault;
    private ReadStep failover;
    private boolean backupTaken;
    private boolean restored;
    private ReadStep trafficStopped;

    private StepRules(Values values) {
        this.values = values;
    }

    static void check(List<ReadStep> steps, boolean hasConsumers, Values values) {
        StepRules rules = new StepRules(values);
        steps.forEach(step -> rules.check(step, hasConsumers));
    }

    private void check(ReadStep read, boolean hasConsumers) {
        switch (read.kind()) {
            case FAULT -> {
                faultSeen = true;
                if (read.step() instanceof Step.Fault fault) {
                    active.add(fault);
                    if (PRIMARY_DOWN.contains(fault.type())) {
                        fault.target().cluster().ifPresent(everDown::add);
                    }
                } else {
                    unknownFault = true;
                }
            }
            case HEAL -> {
                if (read.step() instanceof Step.Heal heal) {
                    heal(read, heal);
                }
            }
            case AWAIT -> {
                if (read.step() instanceof Step.Await await) {
                    await(read, await, hasConsumers);
                }
            }
            case BACKUP -> backupTaken = true;
            case FAILOVER -> {
                if (failover != null) {
                    report(read, "failover while the clients are already on the backup (failover at line "
                            + failover.at().line() + "); fail back first");
                }
                failover = read;
            }
            case RESTORE -> {
                if (read.step() instanceof Step.Restore restore) {
                    if (restore.from() == RestoreSource.BACKUP_STORAGE && !backupTaken) {
                        report(read, "restore from backup-storage needs an earlier backup step, like '- backup: { to: backup-storage }'");
                    }
                    // a restore rebuilds its cluster empty: onto a live cluster it wipes the data under its clients
                    if (!everDown.contains(restore.to()) && !unknownFault) {
                        report(read, "restore onto the " + restore.to().keyword() + ", which no earlier fault took down:"
                                + " it would be wiped under its clients; put a fault that loses it first, like"
                                + " '- fault: { type: cluster-outage, target: " + restore.to().keyword() + " }'");
                    }
                }
                restored = true;
                // new brokers replace the faulted processes; the proxies in front of them keep their faults
                active.removeIf(fault -> fault.type().kind() == FaultType.Kind.PROCESS
                        && fault.target().cluster().filter(c -> c == ClusterRole.PRIMARY).isPresent());
            }
            case FAILBACK -> {
                if (failover == null) {
                    report(read, "failback without an earlier failover: the clients are on the primary already");
                } else {
                    primaryStillDown(read);
                }
                failover = null;
            }
            case STOP_TRAFFIC -> {
                if (trafficStopped != null) {
                    report(read, "traffic is already stopped (line " + trafficStopped.at().line() + ")");
                }
                trafficStopped = read;
            }
            case RUN -> {
                // time passes; nothing to check
            }
        }
    }

    private void heal(ReadStep read, Step.Heal heal) {
        if (heal.all()) {
            active.clear();
            return;
        }
        Target target = heal.target().orElseThrow();
        if (!active.removeIf(fault -> target.covers(fault.target())) && !unknownFault) {
            report(read, "nothing to heal on " + target.text() + ": no fault in place targets it"
                    + (active.isEmpty() ? "" : " (in place: " + describe(active) + ")"));
        }
    }

    private void await(ReadStep read, Step.Await await, boolean hasConsumers) {
        switch (await.condition()) {
            case DISASTER_DETECTED -> {
                if (!faultSeen) {
                    report(read, "await disaster-detected with no fault before it: nothing makes the primary"
                            + " unreachable, so it could only time out");
                }
            }
            case RESTORE_COMPLETE -> {
                if (!restored) {
                    report(read, "await restore-complete with no restore before it");
                }
            }
            case CONSUMERS_CAUGHT_UP -> {
                if (!hasConsumers) {
                    report(read, "await consumers-caught-up, but traffic has no consumer");
                }
            }
            default -> {
                // replication conditions can hold at any point
            }
        }
    }

    private void primaryStillDown(ReadStep read) {
        List<Step.Fault> down = active.stream()
                .filter(fault -> fault.duration().isEmpty() && PRIMARY_DOWN.contains(fault.type()))
                .filter(fault -> fault.target().equals(new Target.Cluster(ClusterRole.PRIMARY))
                        || fault.type() == FaultType.PARTITION && fault.target().equals(new Target.ClientLink(ClusterRole.PRIMARY)))
                .toList();
        if (!down.isEmpty()) {
            boolean restorable = down.stream().allMatch(fault -> fault.type().kind() == FaultType.Kind.PROCESS);
            report(read, "failback to a primary that is still down (" + describe(down) + "); "
                    + (restorable ? "heal it or restore the primary first" : "heal it first"));
        }
    }

    private static String describe(List<Step.Fault> faults) {
        return faults.stream().map(f -> f.type().keyword() + " on " + f.target().text() + " at line " + f.line())
                .collect(Collectors.joining(", "));
    }

    private void report(ReadStep read, String message) {
        values.report(read.at(), message);
    }
}
