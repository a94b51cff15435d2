package io.firedrill.fault.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The slicer's cuts: Toxiproxy's halving, bounded so that no piece is empty or over size. */
class SlicerStageTest {

    @RepeatedTest(20)
    void piecesCoverTheChunkAndStayWithinAverageSizePlusVariation() {
        int[] bounds = new SlicerStage(100, 20, 0).cut(32 * 1024);

        assertThat(bounds[0]).isZero();
        assertThat(bounds[bounds.length - 1]).isEqualTo(32 * 1024);
        assertThat(IntStream.range(1, bounds.length).map(i -> bounds[i] - bounds[i - 1]))
                .allSatisfy(size -> assertThat(size).isBetween(1, 120));
    }

    @Test
    void aChunkWithinTheSizeStaysWhole() {
        assertThat(new SlicerStage(100, 20, 0).cut(120)).containsExactly(0, 120);
    }

    @Test
    void sizesToxiproxyWouldRecurseForeverOnEndInOneBytePieces() {
        assertThat(new SlicerStage(0, 0, 0).cut(4)).containsExactly(0, 1, 2, 3, 4);
        int[] wild = new SlicerStage(1, 100, 0).cut(1000);
        assertThat(IntStream.range(1, wild.length).map(i -> wild[i] - wild[i - 1])).allSatisfy(size -> assertThat(size).isPositive());
    }
}
