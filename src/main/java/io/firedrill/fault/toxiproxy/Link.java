package io.firedrill.fault.toxiproxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One direction of a proxied connection: bytes read from {@code source} go through the toxics of
 * that direction to {@code destination}.
 *
 * <p>Without toxics the reader thread writes what it read straight to the destination from one
 * direct buffer: one read and one write per chunk, no copies in the JVM, no hand-over. With
 * toxics the reader copies each read (in chunks of at most 32 KiB, as Toxiproxy's io.Copy reads)
 * into a queue, so it can keep reading while toxics hold data back, and a processor thread runs
 * the chain. When the chain empties again the processor drains the queue and leaves, and the
 * reader goes back to the direct path; data never overtakes other data.
 *
 * <p>Like Toxiproxy, a link that ends closes its destination; the opposite link, reading from that
 * socket, then ends too and closes the other socket. There is no half-close.
 */
final class Link {

    private static final Logger LOG = LoggerFactory.getLogger(Link.class);
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    private static final int CHUNK_BYTES = 32 * 1024;

    private final ProxiedConnection connection;
    private final Direction direction;
    private final SocketChannel source;
    private final SocketChannel destination;
    private final Executor executor;
    private final LongAdder received;
    private final LongAdder sent;

    private final ReentrantLock lock = new ReentrantLock();
    /** The processor waits here for data, the end of input, a chain change or its next deadline. */
    private final Condition work = lock.newCondition();
    /** The reader waits here for room in the queue. */
    private final Condition space = lock.newCondition();
    /** Sleeping toxics wait here; a chain change or the link closing wakes them. */
    private final Condition interruption = lock.newCondition();
    private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
    private volatile LinkChain chain;
    private volatile boolean processing;
    private volatile boolean finished;
    private boolean inputEnded;
    private int pendingEndFrom = -1;

    Link(ProxiedConnection connection, Direction direction, SocketChannel source, SocketChannel destination,
         Executor executor, LongAdder received, LongAdder sent) {
        this.connection = connection;
        this.direction = direction;
        this.source = source;
        this.destination = destination;
        this.executor = executor;
        this.received = received;
        this.sent = sent;
        this.chain = LinkChain.empty(this);
    }

    Direction direction() {
        return direction;
    }

    boolean isFinished() {
        return finished;
    }

    /** Puts the proxy's current toxics of this direction on the link, without dropping its data. */
    void applyChain(List<ToxicSpec> specs) {
        lock.lock();
        try {
            if (finished) {
                return;
            }
            chain = chain.rebuild(specs, connection,
                    from -> pendingEndFrom = pendingEndFrom < 0 ? from : Math.min(pendingEndFrom, from));
            interruption.signalAll();
            work.signalAll();
            space.signalAll();
            if ((!chain.isEmpty() || pendingEndFrom >= 0) && !processing) {
                startProcessor();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The reader: runs until the source ends or fails, or the link is closed. */
    void pump() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
        try {
            while (!finished) {
                buffer.clear();
                int read = source.read(buffer);
                if (read < 0) {
                    break;
                }
                long receivedAt = System.nanoTime();
                received.add(read);
                buffer.flip();
                if (!processing && chain.isEmpty()) {
                    while (buffer.hasRemaining()) {
                        destination.write(buffer);
                    }
                    sent.add(read);
                } else {
                    enqueue(buffer, receivedAt);
                }
            }
        } catch (IOException e) {
            LOG.debug("{} link of {} ended: {}", direction.wireName(), connection, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        endOfInput();
    }

    private void enqueue(ByteBuffer buffer, long receivedAt) throws InterruptedException {
        lock.lock();
        try {
            while (buffer.hasRemaining()) {
                while (!finished && queue.size() >= chain.queueCapacity()) {
                    space.await();
                }
                if (finished) {
                    return;
                }
                byte[] bytes = new byte[Math.min(CHUNK_BYTES, buffer.remaining())];
                buffer.get(bytes);
                queue.add(new Chunk(bytes, receivedAt));
                work.signal();
                if (!processing) {
                    startProcessor();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void endOfInput() {
        boolean finishNow = false;
        lock.lock();
        try {
            inputEnded = true;
            work.signal();
            if (!finished && !processing) {
                if (chain.isEmpty() && pendingEndFrom < 0) {
                    finishNow = true;
                } else {
                    startProcessor();
                }
            }
        } finally {
            lock.unlock();
        }
        if (finishNow) {
            finish();
        }
    }

    /** Called with the lock held. */
    private void startProcessor() {
        processing = true;
        try {
            executor.execute(this::process);
        } catch (RejectedExecutionException e) {
            // the server is shutting down and closes every connection itself
            processing = false;
        }
    }

    /** The processor: runs the chain over queued chunks, the end of input and toxic deadlines. */
    private void process() {
        Chunk inHand = null;
        boolean endInHand = false;
        try {
            while (true) {
                LinkChain running;
                int endFrom = -1;
                boolean deadlineDue = false;
                lock.lock();
                try {
                    while (true) {
                        if (finished) {
                            return;
                        }
                        running = chain;
                        if (inHand != null || endInHand) {
                            break;
                        }
                        if (pendingEndFrom >= 0) {
                            endFrom = Math.min(pendingEndFrom, running.size());
                            pendingEndFrom = -1;
                            break;
                        }
                        inHand = queue.poll();
                        if (inHand != null) {
                            space.signal();
                            break;
                        }
                        if (inputEnded) {
                            endInHand = true;
                            break;
                        }
                        if (running.isEmpty()) {
                            processing = false;
                            return;
                        }
                        long deadline = running.nextDeadline();
                        if (deadline == Stage.NO_DEADLINE) {
                            work.await();
                        } else if (deadline - System.nanoTime() <= 0) {
                            deadlineDue = true;
                            break;
                        } else {
                            work.awaitNanos(deadline - System.nanoTime());
                        }
                    }
                } finally {
                    lock.unlock();
                }
                try {
                    if (endFrom >= 0) {
                        running.end(endFrom);
                    } else if (deadlineDue) {
                        running.fireDeadlines();
                    } else if (inHand != null) {
                        Segment rest = inHand.rest();
                        if (rest != null) {
                            running.deliver(0, rest);
                        }
                        inHand = null;
                    } else {
                        running.end(0);
                        endInHand = false;
                    }
                } catch (Interruption e) {
                    if (e == Interruption.LINK_CLOSED) {
                        return;
                    }
                    // the chain changed under a waiting toxic: what is in hand goes through the new chain
                }
            }
        } catch (IOException e) {
            LOG.debug("{} link of {} could not write: {}", direction.wireName(), connection, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finish();
    }

    /** The chain's sink: the destination socket. */
    void write(Segment segment) throws IOException {
        if (segment.length() > 0) {
            ByteBuffer bytes = ByteBuffer.wrap(segment.chunk().data(), segment.from(), segment.length());
            while (bytes.hasRemaining()) {
                destination.write(bytes);
            }
            sent.add(segment.length());
        }
        segment.chunk().doneUpTo(segment.to());
    }

    void sleepUntil(long deadline, LinkChain running, boolean interruptible) throws Interruption {
        lock.lock();
        try {
            while (true) {
                if (finished) {
                    throw Interruption.LINK_CLOSED;
                }
                if (interruptible && chain != running) {
                    throw Interruption.CHAIN_CHANGED;
                }
                if (deadline == Stage.NO_DEADLINE) {
                    interruption.await();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    interruption.awaitNanos(left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Interruption.LINK_CLOSED;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the link: closes the destination (Toxiproxy's {@code dest.Close()}) and wakes every waiter. */
    void finish() {
        lock.lock();
        try {
            if (finished) {
                return;
            }
            finished = true;
            queue.clear();
            work.signalAll();
            space.signalAll();
            interruption.signalAll();
        } finally {
            lock.unlock();
        }
        ProxiedConnection.closeQuietly(destination);
        connection.linkFinished(this);
    }
}
