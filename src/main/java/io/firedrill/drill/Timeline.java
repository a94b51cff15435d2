package io.firedrill.drill;

import io.firedrill.scenario.Step;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened when: the process table's rows, the point events (disaster, detection,
 * failover, recovery...) and the windows during which faults were in force.
 */
final class Timeline {

    private final List<DrillResult.StepRecord> steps = new ArrayList<>();
    private final Map<DrillMark, Long> marks = new LinkedHashMap<>();
    private final Map<Integer, DrillResult.FaultWindow> faults = new LinkedHashMap<>();

    synchronized void step(DrillResult.StepRecord record) {
        steps.add(record);
    }

    /** Records an event once; the first time counts (the disaster happens once). */
    synchronized void mark(DrillMark mark, long atMs) {
        marks.putIfAbsent(mark, atMs);
    }

    synchronized Long mark(DrillMark mark) {
        return marks.get(mark);
    }

    synchronized void faultStarted(int id, Step.Fault fault, long atMs) {
        faults.put(id, new DrillResult.FaultWindow(fault.type().keyword(), fault.target().text(), atMs, null,
                fault.type().family(fault.target())));
    }

    synchronized void faultEnded(int id, long atMs) {
        DrillResult.FaultWindow window = faults.get(id);
        if (window != null && window.endMs() == null) {
            faults.put(id, new DrillResult.FaultWindow(window.type(), window.target(), window.startMs(), atMs, window.family()));
        }
    }

    synchronized List<DrillResult.StepRecord> steps() {
        return List.copyOf(steps);
    }

    synchronized List<DrillResult.Mark> marks() {
        return marks.entrySet().stream().map(entry -> new DrillResult.Mark(entry.getKey().keyword(), entry.getValue())).toList();
    }

    synchronized List<DrillResult.FaultWindow> faultWindows() {
        return List.copyOf(faults.values());
    }
}
