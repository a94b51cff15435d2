package io.firedrill.fault.toxiproxy;

import java.io.IOException;

/**
 * Toxiproxy's limit_data toxic: lets {@code bytes} bytes through, then closes the link. The count
 * belongs to the link and survives updates of the toxic.
 */
final class LimitDataStage implements Stage {

    private final long limit;
    private long transmitted;

    LimitDataStage(long limit) {
        this.limit = limit;
    }

    @Override
    public void onData(Segment segment, StageOutput out) throws IOException, Interruption {
        long remaining = Math.max(0, limit - transmitted);
        int pass = (int) Math.min(remaining, segment.length());
        if (pass > 0) {
            out.emit(segment.slice(0, pass));
            transmitted += pass;
        }
        if (pass < segment.length()) {
            out.drop(segment.slice(pass, segment.length()));
        }
        if (limit - transmitted <= 0) {
            out.end();
        }
    }

    @Override
    public Stage reconfigured(ToxicSpec spec) {
        LimitDataStage next = new LimitDataStage(spec.attribute("bytes"));
        next.transmitted = transmitted;
        return next;
    }
}
