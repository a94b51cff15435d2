package io.firedrill.scenario;

import io.firedrill.scenario.StepReader.ReadStep;
import java.util.List;
import java.util.Optional;

/**
 * What a drill whose clients are redirected ({@code failover: { clients: redirect }}) cannot have:
 * the clients are started once, on the active address, so every failover of the drill must treat
 * them alike; they cannot switch topic names (a real application does not either), so the
 * {@code prefixed} policy is out.
 */
final class RedirectRules {

    private RedirectRules() {
    }

    static void check(List<ReadStep> steps, Replication replication, Values values) {
        Optional<ReadStep> first = steps.stream().filter(read -> read.step() instanceof Step.Failover).findFirst();
        if (first.isEmpty()) {
            return;
        }
        Step.Failover mode = (Step.Failover) first.get().step();
        for (ReadStep read : steps) {
            if (read.step() instanceof Step.Failover other && (other.clients() != mode.clients()
                    || other.rebootstrap() != mode.rebootstrap())) {
                values.report(read.at(), "this failover treats the clients differently from the failover at line "
                        + first.get().at().line() + " (" + describe(mode) + "): the clients start once, so every"
                        + " failover of a drill takes the same 'clients' and 'rebootstrap'");
            }
        }
        if (mode.clients() != ClientsMode.REDIRECT) {
            return;
        }
        if (replication != null && replication.policy() == ReplicationPolicy.PREFIXED) {
            values.report(first.get().at(), "'clients: redirect' needs 'policy: identity': redirected clients keep"
                    + " their topic names, and under 'prefixed' the backup holds primary.<topic> instead");
        }
    }

    private static String describe(Step.Failover failover) {
        return "clients: " + failover.clients().keyword()
                + (failover.clients() == ClientsMode.REDIRECT ? ", rebootstrap: " + failover.rebootstrap() : "");
    }
}
