package io.firedrill.cli;

import io.firedrill.scenario.Scenario;
import io.firedrill.scenario.ScenarioParser;
import io.firedrill.support.BadInputException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardTest {

    private static final List<Scenario> LIBRARY = ScenarioFiles.expand(List.of(Path.of("scenarios"))).stream()
            .map(file -> ScenarioParser.parse(file).scenario().orElseThrow()).toList();

    @Test
    void everyScenarioRunsInExactlyOneShardAndShardsDifferByAtMostOne() {
        for (int count = 1; count <= LIBRARY.size() + 2; count++) {
            List<String> ran = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            for (int index = 1; index <= count; index++) {
                List<Scenario> mine = new Shard(index, count).select(LIBRARY);
                mine.forEach(scenario -> ran.add(scenario.name()));
                sizes.add(mine.size());
            }
            assertThat(ran).as("%d shards", count)
                    .containsExactlyInAnyOrderElementsOf(LIBRARY.stream().map(Scenario::name).toList());
            assertThat(Collections.max(sizes) - Collections.min(sizes)).as("%d shards: %s", count, sizes).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void theAssignmentDependsOnTheNamesNotOnTheOrderFilesCameIn() {
        List<Scenario> shuffled = new ArrayList<>(LIBRARY);
        Collections.shuffle(shuffled, new Random(21));
        for (int index = 1; index <= 3; index++) {
            assertThat(new Shard(index, 3).select(shuffled)).isEqualTo(new Shard(index, 3).select(LIBRARY));
        }
        List<String> byName = LIBRARY.stream().map(Scenario::name).sorted().toList();
        assertThat(new Shard(2, 3).select(LIBRARY)).extracting(Scenario::name).as("every third by name, from the second")
                .containsExactlyElementsOf(java.util.stream.IntStream.iterate(1, i -> i < byName.size(), i -> i + 3)
                        .mapToObj(byName::get).toList());
    }

    @Test
    void parsesIOfNAndRefusesAnythingElseSayingHow() {
        assertThat(Shard.parse("2/4")).isEqualTo(new Shard(2, 4));
        assertThat(Shard.parse(" 1/1 ")).isEqualTo(new Shard(1, 1));
        for (String bad : List.of("0/3", "4/3", "1/0", "3", "a/b", "-1/2", "1/2/3", "")) {
            assertThatThrownBy(() -> Shard.parse(bad)).as(bad)
                    .isInstanceOf(BadInputException.class).hasMessageContaining("1 <= I <= N");
        }
    }
}
