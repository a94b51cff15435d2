package io.firedrill.report;

import io.firedrill.drill.DrillResult;
import io.firedrill.drill.DrillResult.FaultWindow;
import io.firedrill.scenario.FaultFamily;

import java.awt.Color;
import java.util.EnumSet;
import java.util.List;

/**
 * The families of trouble a drill rehearses, as the drill typed them on its steps and fault
 * windows: the Allure features a drill appears under, the report's chips, and the colour of its
 * fault windows in the charts.
 */
final class DrillFamilies {

    private DrillFamilies() {
    }

    /**
     * Every family a drill touches, in declaration order (the gravest first): one per kind of
     * fault it injected or meant to inject (a {@code fault} step that never ran still says what
     * the drill rehearses), {@link FaultFamily#RESTORE} when it restores a cluster,
     * {@link FaultFamily#STEADY_STATE} when neither.
     */
    static List<FaultFamily> of(DrillResult result) {
        EnumSet<FaultFamily> families = EnumSet.noneOf(FaultFamily.class);
        if (result.series() != null) {
            for (FaultWindow window : SummaryJson.list(result.series().faults())) {
                if (window.family() != null) {
                    families.add(window.family());
                }
            }
        }
        for (DrillResult.StepRecord step : SummaryJson.list(result.steps())) {
            if (step.family() != null) {
                families.add(step.family());
            }
        }
        if (result.restore() != null && result.restore().records() != null) {
            families.add(FaultFamily.RESTORE);
        }
        if (families.isEmpty()) {
            families.add(FaultFamily.STEADY_STATE);
        }
        return List.copyOf(families);
    }

    /** A fault window's colour in the charts. */
    static Color color(FaultFamily family) {
        if (family == null) {
            return DrillChart.Palette.SLATE;
        }
        return switch (family) {
            case CLUSTER_OUTAGE -> DrillChart.Palette.RED;
            case PROCESS -> DrillChart.Palette.PINK;
            case NETWORK -> DrillChart.Palette.AMBER;
            case REPLICATION -> DrillChart.Palette.PURPLE;
            case STORAGE -> DrillChart.Palette.ORANGE;
            case POWER -> DrillChart.Palette.RED;
            case TIME -> DrillChart.Palette.BLUE;
            case APPLICATION -> DrillChart.Palette.ORANGE;
            case RESTORE -> DrillChart.Palette.TEAL;
            case STEADY_STATE -> DrillChart.Palette.SLATE;
        };
    }
}
