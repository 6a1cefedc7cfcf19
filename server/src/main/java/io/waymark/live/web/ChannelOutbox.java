package io.waymark.live.web;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.waymark.live.internal.LiveFrame;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.util.concurrent.Queues;

/**
 * A dashboard's outbox written straight to its Netty channel. Frames are queued from any thread; the channel's own
 * event loop drains them, copying every frame that waits into one buffer and flushing once, so a burst costs one
 * wake-up, one write through the pipeline and one system call per connection rather than one of each per frame. It writes only while the channel is writable (the socket
 * keeps up): a client that stops reading leaves frames here, at most {@code capacity} of them, and the next one
 * is refused, which is the caller's sign to close the connection.
 *
 * <p>Urgent frames (live alert events) wait in a lane of their own, written before the passable frames (rep changes,
 * activities) that wait: a dispatcher's SOS never queues behind a burst of map updates. An urgent frame offered while
 * a kept frame (a snapshot, a replay) waits goes behind it, as a kept frame, so neither the snapshot-first rule nor
 * the alerts' seq order is ever broken.
 */
final class ChannelOutbox implements LiveOutbox, Runnable {

    /** How soon to look again at a channel that could not take more. */
    private static final long RETRY_MILLIS = 10;
    /** The size of the buffers that frames are copied into; a larger frame gets a buffer of its own size. */
    private static final int BATCH_BYTES = 32 * 1024;

    private final Channel channel;
    private final int capacity;
    private final long lingerNanos;
    private final Queue<LiveFrame> queue =
            Queues.<LiveFrame>unboundedMultiproducer().get();
    private final Queue<LiveFrame> urgent =
            Queues.<LiveFrame>unboundedMultiproducer().get();
    /** The kept frames in {@link #queue}, in order; emptied only once each is in a buffer to be written. */
    private final Queue<LiveFrame> kept =
            Queues.<LiveFrame>unboundedMultiproducer().get();

    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean closed;

    ChannelOutbox(Channel channel, int capacity, Duration linger) {
        this.channel = channel;
        this.capacity = capacity;
        this.lingerNanos = linger.toNanos();
    }

    @Override
    public boolean offer(LiveFrame frame, Order order) {
        if (closed) {
            return true;
        }
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            return false;
        }
        if (order == Order.URGENT && kept.isEmpty()) {
            urgent.offer(frame);
        } else {
            if (order != Order.PASSABLE) {
                kept.offer(frame);
            }
            queue.offer(frame);
        }
        if (scheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(this);
        }
        return true;
    }

    /** The lane to take the next frame from: urgent frames first; null when both are empty. */
    private Queue<LiveFrame> lane() {
        if (!urgent.isEmpty()) {
            return urgent;
        }
        return queue.isEmpty() ? null : queue;
    }

    @Override
    public void close() {
        closed = true;
    }

    /**
     * Drains the queue on the channel's event loop: copies the waiting frames, back to back, into as few buffers as
     * it can and flushes once. Having written something, it looks again after the linger instead of
     * waiting to be woken: under a steady stream the frames of that time go out together, and the board's thread
     * never has to wake this loop. A look that finds nothing ends it; the next frame wakes the loop again.
     */
    @Override
    public void run() {
        if (closed || !channel.isActive()) {
            closed = true;
            queue.clear();
            urgent.clear();
            kept.clear();
            return;
        }
        boolean wrote = false;
        while (channel.isWritable()) {
            ByteBuf batch = null;
            for (Queue<LiveFrame> lane = lane(); lane != null; lane = lane()) {
                LiveFrame frame = lane.peek();
                if (batch == null) {
                    batch = channel.alloc().directBuffer(Math.max(BATCH_BYTES, frame.wire().length));
                } else if (batch.writableBytes() < frame.wire().length) {
                    break;
                }
                lane.poll();
                queued.decrementAndGet();
                batch.writeBytes(frame.wire());
                if (kept.peek() == frame) {
                    kept.poll();
                }
            }
            if (batch == null) {
                break;
            }
            channel.write(batch, channel.voidPromise());
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
        if (!channel.isWritable() && lane() != null) {
            channel.eventLoop().schedule(this, RETRY_MILLIS, TimeUnit.MILLISECONDS);
        } else if (wrote && lingerNanos > 0) {
            channel.eventLoop().schedule(this, lingerNanos, TimeUnit.NANOSECONDS);
        } else {
            scheduled.set(false);
            if (lane() != null && scheduled.compareAndSet(false, true)) {
                channel.eventLoop().execute(this);
            }
        }
    }
}
