package io.firedrill.report;

import io.firedrill.drill.DrillResult;
import io.firedrill.drill.DrillResult.FaultWindow;
import io.firedrill.drill.DrillResult.Mark;
import io.firedrill.drill.DrillResult.Sample;
import io.firedrill.report.DrillChart.Line;
import io.firedrill.report.DrillChart.Marker;
import io.firedrill.report.DrillChart.Palette;
import io.firedrill.report.DrillChart.Window;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The charts of one drill, drawn from its sampled series: traffic, replication lag and consumer
 * positions over time (seconds since the drill started), each with the drill's fault windows
 * shaded and its disaster, detection, failover and recovery marked. A chart whose data the drill
 * never sampled is left out rather than drawn empty.
 */
public final class DrillCharts {

    public static final String TIME_AXIS = "time since drill start (s)";
    public static final String RATE_AXIS = "rate (records/s)";
    public static final String LAG_RECORDS_AXIS = "lag (records)";
    public static final String LAG_MS_AXIS = "lag (ms)";
    public static final String POSITION_AXIS = "committed position (records)";
    public static final String TREND_RUN_AXIS = "run (started at)";
    public static final String TREND_TIME_AXIS = "time (s)";
    public static final String TREND_COUNT_AXIS = "duplicates (records)";

    private DrillCharts() {
    }

    /**
     * Draws a throwaway chart so that Java2D, the fonts and XChart are loaded: about 1 s the first
     * time in a JVM, better spent while a drill waits on its traffic than after it ends.
     */
    public static void warmUp() {
        double[] xs = {0, 1};
        new DrillChart("warm-up.png", "warm-up", TIME_AXIS, List.of(RATE_AXIS),
                List.of(new Line("warm-up", 0, xs, xs, Palette.BLUE, true, false)),
                List.of(new Window("fault", 0.2, 0.4, Palette.RED)), List.of(new Marker("disaster", 0.5, Palette.RED)),
                0, 1, x -> String.format(Locale.ROOT, "%.0f", x)).png();
    }

    public static List<DrillChart> of(DrillResult result) {
        return Stream.of(traffic(result), replicationLag(result), consumerPosition(result))
                .flatMap(Optional::stream).toList();
    }

    public static Optional<DrillChart> traffic(DrillResult result) {
        List<Sample> samples = samples(result);
        List<Line> lines = new ArrayList<>();
        line("produced", 0, samples, Sample::producedPerSec, Palette.BLUE).ifPresent(lines::add);
        line("consumed", 0, samples, Sample::consumedPerSec, Palette.GREEN).ifPresent(lines::add);
        return chart(result, "traffic.png", "Produce and consume rate", List.of(RATE_AXIS), lines);
    }

    public static Optional<DrillChart> replicationLag(DrillResult result) {
        List<Sample> samples = samples(result);
        List<Line> lines = new ArrayList<>();
        line("lag in records", 0, samples, s -> orNaN(s.replicationLagRecords()), Palette.PURPLE)
                .ifPresent(lines::add);
        boolean left = !lines.isEmpty();
        line("lag in ms", left ? 1 : 0, samples, s -> orNaN(s.replicationLagMs()), Palette.ORANGE)
                .ifPresent(lines::add);
        List<String> axes = left ? List.of(LAG_RECORDS_AXIS, LAG_MS_AXIS) : List.of(LAG_MS_AXIS);
        return chart(result, "replication-lag.png", "Replication lag (primary → backup)", axes, lines);
    }

    public static Optional<DrillChart> consumerPosition(DrillResult result) {
        List<Sample> samples = samples(result);
        Set<String> clusters = new LinkedHashSet<>();
        samples.forEach(s -> clusters.addAll(SummaryJson.map(s.consumerPosition()).keySet()));
        List<Line> lines = new ArrayList<>();
        int i = 0;
        for (String cluster : clusters) {
            Color color = cluster.equals("primary") ? Palette.BLUE
                    : cluster.equals("backup") ? Palette.ORANGE
                    : Palette.LINES[(2 + i) % Palette.LINES.length];
            line("position on " + cluster, 0, samples,
                    s -> orNaN(SummaryJson.map(s.consumerPosition()).get(cluster)), color).ifPresent(lines::add);
            i++;
        }
        return chart(result, "consumer-position.png", "Consumer position per cluster", List.of(POSITION_AXIS), lines);
    }

    /**
     * The scenario's last runs side by side: RTO, RPO and restore time in seconds (left axis),
     * consumer duplicates (right axis); runs that did not PASS are shaded with their verdict.
     */
    public static Optional<DrillChart> trend(String scenario, List<DrillHistory.RunRecord> runs) {
        double[] xs = IntStream.rangeClosed(1, runs.size()).asDoubleStream().toArray();
        List<Line> lines = new ArrayList<>();
        Stream.of(
                new Line("RTO (s)", 0, xs, seconds(runs, DrillHistory.RunRecord::rtoMs), Palette.BLUE, true, false),
                new Line("RPO (s)", 0, xs, seconds(runs, DrillHistory.RunRecord::rpoMs), Palette.RED, true, false),
                new Line("restore (s)", 0, xs, seconds(runs, DrillHistory.RunRecord::restoreMs), Palette.PURPLE, true, false),
                new Line("duplicates (records)", 1, xs, runs.stream()
                        .mapToDouble(r -> orNaN(r.consumerDuplicates())).toArray(), Palette.ORANGE, true, true))
                .filter(l -> Arrays.stream(l.y()).anyMatch(Double::isFinite))
                .forEach(lines::add);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        boolean duplicatesOnly = lines.stream().allMatch(l -> l.yAxis() == 1);
        if (duplicatesOnly) {
            lines.replaceAll(l -> new Line(l.name(), 0, l.x(), l.y(), l.color(), l.dots(), l.dashed()));
        }
        List<String> axes = duplicatesOnly ? List.of(TREND_COUNT_AXIS) : List.of(TREND_TIME_AXIS, TREND_COUNT_AXIS);
        List<Window> notPassed = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            DrillResult.Verdict verdict = runs.get(i).verdict();
            if (verdict != DrillResult.Verdict.PASS) {
                notPassed.add(new Window(String.valueOf(verdict), i + 0.55, i + 1.45,
                        verdict == DrillResult.Verdict.FAIL ? Palette.RED : Palette.AMBER));
            }
        }
        // XChart cannot lay out an empty tick label: ticks without a run get a blank
        Function<Double, String> runLabel = x -> {
            int i = (int) Math.round(x) - 1;
            return Math.abs(x - Math.rint(x)) > 1e-9 || i < 0 || i >= runs.size() ? " "
                    : ReportFormat.shortWhen(runs.get(i).startedAtEpochMs());
        };
        // The axis spans exactly the runs: XChart then puts one tick on each run (equally spaced
        // values), where the label formatter can name it; a single run gets an empty second slot.
        String title = runs.size() == 1 ? "First recorded run of " + scenario
                : "Last " + runs.size() + " runs of " + scenario;
        return Optional.of(new DrillChart("trend.png", title,
                TREND_RUN_AXIS, axes, lines, notPassed, List.of(), 1, Math.max(2, runs.size()), runLabel));
    }

    private static double[] seconds(List<DrillHistory.RunRecord> runs, Function<DrillHistory.RunRecord, Long> ms) {
        return runs.stream().mapToDouble(r -> ms.apply(r) == null ? Double.NaN : ms.apply(r) / 1000.0).toArray();
    }

    /** Where the time axis ends: the last thing that happened in the drill. */
    static double endSeconds(DrillResult result) {
        LongStream ends = LongStream.concat(
                samples(result).stream().mapToLong(Sample::atMs),
                LongStream.concat(
                        faults(result).stream().mapToLong(f -> f.endMs() == null ? f.startMs() : f.endMs()),
                        LongStream.concat(marks(result).stream().mapToLong(Mark::atMs),
                                SummaryJson.list(result.steps()).stream().mapToLong(s -> s.endedAtMs()))));
        return Math.max(1, ends.max().orElse(1_000)) / 1000.0;
    }

    static List<Window> faultWindows(DrillResult result) {
        double end = endSeconds(result);
        return faults(result).stream()
                .map(f -> new Window(f.type() + " → " + f.target(), f.startMs() / 1000.0,
                        f.endMs() == null ? end : f.endMs() / 1000.0,
                        DrillFamilies.color(f.family())))
                .toList();
    }

    static List<Marker> markers(DrillResult result) {
        return marks(result).stream()
                .map(m -> new Marker(m.name(), m.atMs() / 1000.0, markColor(m.name())))
                .toList();
    }

    static Color markColor(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        Map<String, Color> byPrefix = Map.of("disaster", Palette.RED, "detect", Palette.AMBER,
                "failover", Palette.BLUE, "recover", Palette.GREEN, "restore", Palette.PURPLE,
                "failback", Palette.TEAL);
        return byPrefix.entrySet().stream().filter(e -> n.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(Palette.SLATE);
    }

    private static Optional<DrillChart> chart(DrillResult result, String file, String title, List<String> yAxes,
                                              List<Line> lines) {
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DrillChart(file, title, TIME_AXIS, yAxes, lines, faultWindows(result),
                markers(result), 0, endSeconds(result), null));
    }

    private static Optional<Line> line(String name, int axis, List<Sample> samples, ToDoubleFunction<Sample> y,
                                       Color color) {
        double[] xs = samples.stream().mapToDouble(s -> s.atMs() / 1000.0).toArray();
        double[] ys = samples.stream().mapToDouble(y).toArray();
        boolean anyValue = Arrays.stream(ys).anyMatch(Double::isFinite);
        return anyValue ? Optional.of(new Line(name, axis, xs, ys, color, false, false)) : Optional.empty();
    }

    private static double orNaN(Long value) {
        return value == null ? Double.NaN : value;
    }

    private static List<Sample> samples(DrillResult r) {
        return r.series() == null ? List.of() : SummaryJson.list(r.series().samples()).stream()
                .sorted(Comparator.comparingLong(Sample::atMs)).toList();
    }

    private static List<FaultWindow> faults(DrillResult r) {
        return r.series() == null ? List.of() : SummaryJson.list(r.series().faults());
    }

    private static List<Mark> marks(DrillResult r) {
        return r.series() == null ? List.of() : SummaryJson.list(r.series().marks());
    }
}
