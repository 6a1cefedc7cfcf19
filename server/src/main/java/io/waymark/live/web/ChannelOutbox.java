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
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean closed;

    ChannelOutbox(Channel channel, int capacity, Duration linger) {
        this.channel = channel;
        this.capacity = capacity;
        this.lingerNanos = linger.toNanos();
    }

    @Override
    public boolean offer(LiveFrame frame) {
        if (closed) {
            return true;
        }
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            return false;
        }
        queue.offer(frame);
        if (scheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(this);
        }
        return true;
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
            return;
        }
        boolean wrote = false;
        while (channel.isWritable()) {
            ByteBuf batch = null;
            for (LiveFrame frame = queue.peek(); frame != null; frame = queue.peek()) {
                if (batch == null) {
                    batch = channel.alloc().directBuffer(Math.max(BATCH_BYTES, frame.wire().length));
                } else if (batch.writableBytes() < frame.wire().length) {
                    break;
                }
                queue.poll();
                queued.decrementAndGet();
                batch.writeBytes(frame.wire());
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
        if (!channel.isWritable() && !queue.isEmpty()) {
            channel.eventLoop().schedule(this, RETRY_MILLIS, TimeUnit.MILLISECONDS);
        } else if (wrote && lingerNanos > 0) {
            channel.eventLoop().schedule(this, lingerNanos, TimeUnit.NANOSECONDS);
        } else {
            scheduled.set(false);
            if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
                channel.eventLoop().execute(this);
            }
        }
    }
}
