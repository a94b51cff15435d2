package io.firedrill.report;

import io.firedrill.drill.DrillResult;
import io.firedrill.drill.DrillResult.FaultWindow;

import java.awt.Color;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What kind of trouble a drill rehearses, the way an SRE files it: the Allure feature a drill
 * appears under, and the colour of its fault windows in the charts.
 */
public enum FaultFamily {
    CLUSTER_OUTAGE("Cluster outage", DrillChart.Palette.RED),
    PROCESS("Process faults", DrillChart.Palette.PINK),
    NETWORK("Network faults", DrillChart.Palette.AMBER),
    REPLICATION("Replication faults", DrillChart.Palette.PURPLE),
    RESTORE("Restore", DrillChart.Palette.TEAL),
    /** No fault and no restore: the drill measures the healthy baseline. */
    STEADY_STATE("Steady state", DrillChart.Palette.SLATE);

    private static final Set<String> PROCESS_FAULTS = Set.of("broker-kill", "broker-pause", "broker-restart");
    private static final Set<String> MIRRORMAKER_FAULTS = Set.of("mirrormaker-kill", "mirrormaker-restart");
    /** Fault types of the scenario format, longest first so {@code broker-kill} wins over a shorter match. */
    private static final List<String> FAULT_TYPES = List.of("mirrormaker-restart", "mirrormaker-kill",
            "cluster-outage", "broker-restart", "broker-pause", "broker-kill", "slow-close", "reset-peer",
            "limit-data", "bandwidth", "partition", "latency", "timeout", "slicer");

    private final String title;
    private final Color color;

    FaultFamily(String title, Color color) {
        this.title = title;
        this.color = color;
    }

    public String title() {
        return title;
    }

    Color color() {
        return color;
    }

    /** The family of one fault, by its type and target as the scenario file spells them. */
    public static FaultFamily of(String type, String target) {
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        String on = target == null ? "" : target.toLowerCase(Locale.ROOT);
        if (t.equals("cluster-outage")) {
            return CLUSTER_OUTAGE;
        }
        if (PROCESS_FAULTS.contains(t)) {
            return PROCESS;
        }
        if (MIRRORMAKER_FAULTS.contains(t) || on.equals("replication-link") || on.equals("mirrormaker")) {
            return REPLICATION;
        }
        return NETWORK;
    }

    /**
     * Every family a drill touches, in declaration order (the gravest first): one per kind of
     * fault it injected or meant to inject (a {@code fault} step that never ran still says what
     * the drill rehearses), {@link #RESTORE} when it restores a cluster, {@link #STEADY_STATE}
     * when neither.
     */
    public static List<FaultFamily> of(DrillResult result) {
        EnumSet<FaultFamily> families = EnumSet.noneOf(FaultFamily.class);
        if (result.series() != null) {
            for (FaultWindow f : SummaryJson.list(result.series().faults())) {
                families.add(of(f.type(), f.target()));
            }
        }
        for (var step : SummaryJson.list(result.steps())) {
            String action = step.action() == null ? "" : step.action().trim().toLowerCase(Locale.ROOT);
            if (action.startsWith("fault")) {
                FAULT_TYPES.stream().filter(action::contains).findFirst().ifPresent(type -> families.add(
                        of(type, action.contains("replication-link") ? "replication-link" : "")));
            }
        }
        boolean restored = SummaryJson.list(result.steps()).stream()
                .anyMatch(s -> s.action() != null && s.action().trim().toLowerCase(Locale.ROOT).startsWith("restore"))
                || (result.restore() != null && result.restore().records() != null);
        if (restored) {
            families.add(RESTORE);
        }
        if (families.isEmpty()) {
            families.add(STEADY_STATE);
        }
        return families.stream().collect(Collectors.toList());
    }
}
