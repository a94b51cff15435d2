package io.firedrill.cluster.testcontainers;

import com.github.dockerjava.api.DockerClient;
import io.firedrill.process.LogFiles;
import org.testcontainers.containers.output.FrameConsumerResultCallback;
import org.testcontainers.containers.output.OutputFrame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A broker container's output, copied into a file that outlives the container: the broker's log
 * for tails, startup detection and reports, like a process broker's log file.
 * <p>
 * Docker ends a follow stream when the container stops and replays the container's whole output
 * on the next attach. So every attach asks for Docker's timestamps and skips the lines up to the
 * last one already written: after a restart the file holds each line once, in order.
 */
final class ContainerLog implements AutoCloseable {

    private static final long PREVIOUS_FOLLOWER_GRACE_MS = 10_000;

    private final Path file;
    private final Object writeLock = new Object();
    private Instant lastWritten = Instant.EPOCH;
    private Writer writer;
    private boolean closed;
    private volatile FrameConsumerResultCallback follower;

    ContainerLog(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /**
     * Where the output of a (re)start will begin: the size of the file once the stream of the
     * previous run, which delivers its last lines after the container stopped, has ended.
     */
    synchronized long settledSize() {
        FrameConsumerResultCallback previous = follower;
        if (previous != null) {
            try {
                previous.getCompletionLatch().await(PREVIOUS_FOLLOWER_GRACE_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return size();
    }

    /** Copies the container's output from where this log left off, until the container stops. */
    synchronized void follow(DockerClient docker, String containerId) {
        Instant resumeAfter = resumeAfter();
        Consumer<OutputFrame> sink = sinkAfter(resumeAfter);
        FrameConsumerResultCallback callback = new FrameConsumerResultCallback();
        callback.addConsumer(OutputFrame.OutputType.STDOUT, sink);
        callback.addConsumer(OutputFrame.OutputType.STDERR, sink);
        follower = docker.logContainerCmd(containerId)
                .withStdOut(true)
                .withStdErr(true)
                .withFollowStream(true)
                .withTimestamps(true)
                .withSince((int) resumeAfter.getEpochSecond())
                .exec(callback);
    }

    /** True while a follow stream is open, that is while the followed container runs (or is paused). */
    boolean following() {
        FrameConsumerResultCallback current = follower;
        return current != null && current.getCompletionLatch().getCount() > 0;
    }

    /**
     * A consumer of one attach's output lines that writes the lines Docker stamped after
     * everything already written, without their timestamps.
     */
    Consumer<OutputFrame> resumingSink() {
        return sinkAfter(resumeAfter());
    }

    private Consumer<OutputFrame> sinkAfter(Instant resumeAfter) {
        return frame -> {
            if (frame.getType() == OutputFrame.OutputType.END) {
                return;
            }
            StampedLine line = StampedLine.parse(frame.getUtf8StringWithoutLineEnding());
            if (line.at() != null && !line.at().isAfter(resumeAfter)) {
                return;
            }
            write(line);
        };
    }

    long size() {
        return LogFiles.size(file);
    }

    boolean contains(long offset, String text) {
        return LogFiles.contains(file, offset, text);
    }

    List<String> tail(int lines) {
        return LogFiles.tail(file, lines);
    }

    /** Stops following; the file stays. */
    @Override
    public void close() {
        FrameConsumerResultCallback current = follower;
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // the stream is going away either way
            }
        }
        synchronized (writeLock) {
            closed = true;
            if (writer != null) {
                try {
                    writer.close();
                } catch (IOException ignored) {
                    // every line was flushed when written
                }
            }
        }
    }

    private Instant resumeAfter() {
        synchronized (writeLock) {
            return lastWritten;
        }
    }

    private void write(StampedLine line) {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            try {
                if (writer == null) {
                    Files.createDirectories(file.getParent());
                    writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
                writer.write(line.text());
                writer.write('\n');
                // startup detection and tails read the file while the broker runs
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
            if (line.at() != null && line.at().isAfter(lastWritten)) {
                lastWritten = line.at();
            }
        }
    }

    /** A line as {@code docker logs --timestamps} gives it: RFC 3339 time, a space, the text. */
    record StampedLine(Instant at, String text) {

        static StampedLine parse(String raw) {
            int space = raw.indexOf(' ');
            if (space > 0) {
                try {
                    return new StampedLine(Instant.parse(raw.substring(0, space)), raw.substring(space + 1));
                } catch (DateTimeParseException notStamped) {
                    // fall through: keep the line whole
                }
            }
            return new StampedLine(null, raw);
        }
    }
}
