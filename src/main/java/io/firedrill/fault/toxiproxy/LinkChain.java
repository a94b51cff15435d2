package io.firedrill.fault.toxiproxy;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;

/**
 * The toxics of one direction as they run on one link: one stage per toxic, in Toxiproxy's order
 * (new toxics at the end). Immutable; a change of the proxy's toxics makes a new chain that keeps
 * the stages (and their per-link state) of the toxics that did not change.
 */
final class LinkChain {

    private final Link link;
    private final Slot[] slots;
    private final Output[] outputs;
    private final int queueCapacity;

    /**
     * One toxic on this link. {@code active} is the toxicity roll: like Toxiproxy, each link rolls
     * once per toxic when the toxic starts acting on it, and again when the toxic is updated.
     */
    private record Slot(ToxicSpec spec, Stage stage, boolean active) {
        Stage running() {
            return active ? stage : Stage.PASS_THROUGH;
        }
    }

    static LinkChain empty(Link link) {
        return new LinkChain(link, new Slot[0]);
    }

    private LinkChain(Link link, Slot[] slots) {
        this.link = link;
        this.slots = slots;
        this.outputs = new Output[slots.length];
        int buffered = 0;
        for (int i = 0; i < slots.length; i++) {
            outputs[i] = new Output(i + 1);
            buffered += slots[i].spec().type().bufferedChunks();
        }
        this.queueCapacity = Math.max(1, buffered);
    }

    boolean isEmpty() {
        return slots.length == 0;
    }

    int size() {
        return slots.length;
    }

    /** Chunks the link may read ahead of this chain before the reader waits (TCP back-pressure). */
    int queueCapacity() {
        return queueCapacity;
    }

    /**
     * The chain for {@code specs}: unchanged toxics keep their stage, updated ones are reconfigured
     * and re-rolled, new ones start fresh. A removed toxic that closes the link when removed
     * (timeout) reports the position from which the stream is to be closed.
     */
    LinkChain rebuild(List<ToxicSpec> specs, ProxiedConnection connection, IntConsumer endFrom) {
        Map<Long, Integer> previous = new HashMap<>();
        for (int i = 0; i < slots.length; i++) {
            previous.put(slots[i].spec().id(), i);
        }
        Slot[] next = new Slot[specs.size()];
        for (int i = 0; i < next.length; i++) {
            ToxicSpec spec = specs.get(i);
            Integer old = previous.remove(spec.id());
            if (old != null && slots[old].spec() == spec) {
                next[i] = slots[old];
                continue;
            }
            Stage stage = old != null ? slots[old].stage().reconfigured(spec) : spec.type().newStage(spec);
            boolean active = ThreadLocalRandom.current().nextFloat() < spec.toxicity();
            if (active) {
                stage.onAttach(connection);
            }
            next[i] = new Slot(spec, stage, active);
        }
        for (int removed : previous.values()) {
            if (slots[removed].active() && slots[removed].stage().endsLinkWhenRemoved()) {
                endFrom.accept(Math.min(removed, next.length));
            }
        }
        return new LinkChain(link, next);
    }

    /** The earliest moment a stage wants to act without data (System.nanoTime), or NO_DEADLINE. */
    long nextDeadline() {
        long earliest = Stage.NO_DEADLINE;
        for (Slot slot : slots) {
            long deadline = slot.running().deadline();
            if (deadline != Stage.NO_DEADLINE && (earliest == Stage.NO_DEADLINE || deadline - earliest < 0)) {
                earliest = deadline;
            }
        }
        return earliest;
    }

    void deliver(int index, Segment segment) throws IOException, Interruption {
        if (index == slots.length) {
            link.write(segment);
        } else {
            slots[index].running().onData(segment, outputs[index]);
        }
    }

    void end(int index) throws IOException, Interruption {
        if (index == slots.length) {
            link.finish();
        } else {
            slots[index].running().onEnd(outputs[index]);
        }
    }

    void fireDeadlines() throws IOException, Interruption {
        long now = System.nanoTime();
        for (int i = 0; i < slots.length && !link.isFinished(); i++) {
            Stage stage = slots[i].running();
            long deadline = stage.deadline();
            if (deadline != Stage.NO_DEADLINE && deadline - now <= 0) {
                stage.onDeadline(outputs[i]);
            }
        }
    }

    /** What the stage at {@code next - 1} hands its data to. */
    private final class Output implements StageOutput {
        private final int next;

        Output(int next) {
            this.next = next;
        }

        @Override
        public void emit(Segment segment) throws IOException, Interruption {
            deliver(next, segment);
        }

        @Override
        public void drop(Segment segment) {
            segment.chunk().doneUpTo(segment.to());
        }

        @Override
        public void end() throws IOException, Interruption {
            LinkChain.this.end(next);
        }

        @Override
        public void sleepUntil(long deadline) throws Interruption {
            link.sleepUntil(deadline, LinkChain.this, true);
        }

        @Override
        public void sleepIgnoringChanges(long deadline) throws Interruption {
            link.sleepUntil(deadline, LinkChain.this, false);
        }
    }
}
