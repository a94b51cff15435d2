package io.firedrill.report;

import io.firedrill.drill.DrillResult;
import io.firedrill.drill.ExpectBounds;
import io.firedrill.scenario.Expectations;
import io.firedrill.scenario.OrderExpectation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class DrillFiguresTest {

    @Test
    void theBoundsFeedTheFiguresOfTheReports() {
        Expectations expect = new Expectations(OptionalLong.empty(), Optional.empty(), Optional.of(Duration.ofSeconds(30)),
                OptionalLong.empty(), 0, OrderExpectation.NONE, false, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
        DrillResult judged = SampleDrills.copy(SampleDrills.primaryOutagePass()).expect(ExpectBounds.of(expect)).build();

        List<DrillFigures.Figure> figures = DrillFigures.of(judged);

        assertThat(DrillFigures.named(figures, "RTO: groups processing again").bound()).isEqualTo("≤ 30s");
        assertThat(DrillFigures.named(figures, "Reordered").bound()).isEqualTo("not checked");
        assertThat(DrillFigures.named(figures, "Lost acknowledged records").standing())
                .isEqualTo(DrillFigures.Standing.NO_BOUND);
    }
}
