package io.firedrill.drill;

import io.firedrill.scenario.Scenario;
import io.firedrill.support.RunTag;

/** The replication engine a scenario asks for ({@code replication.engine}); MirrorMaker 2 is the v1 engine. */
final class ReplicationEngines {

    private ReplicationEngines() {}

    static ReplicationEngine create(Scenario scenario, DrillSite site, RunTag run) {
        return switch (scenario.replication().engine()) {
            case MIRRORMAKER2 -> new MirrorMaker2Engine(scenario, site, run);
        };
    }
}
