package io.waymark.live.web;

import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.waymark.live.internal.LiveFrame;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import reactor.util.concurrent.Queues;

/**
 * A dashboard's outbox written straight to its Netty channel. Frames are queued from any thread; the channel's own
 * event loop drains them, copying every frame that waits into one buffer and flushing once, so a burst costs one
 * wake-up, one write through the pipeline and one system call per connection rather than one of each per frame. It writes only while the channel is writable (the socket
 * keeps up): a client that stops reading leaves frames here, at most {@code capacity} of them, and the next one
 * is refused, which is the caller's sign to close the connection. After a write, the next frames gather for the
 * linger before they are written together, unless a quarter of the capacity fills meanwhile: the linger saves
 * writes, and must not make a client that reads all it is sent look too slow.
 *
 * <p>Urgent frames (live alert events) wait in a lane of their own, written before the passable frames (rep changes,
 * activities) that wait: a dispatcher's SOS never queues behind a burst of map updates. An urgent frame offered while
 * a kept frame (a snapshot, a replay) waits goes behind it, as a kept frame, so neither the snapshot-first rule nor
 * the alerts' seq order is ever broken.
 *
 * <p>A rep's position frame that still waits is replaced by the rep's next one, in its place and without taking
 * more room: a client that falls behind on positions gets each rep's latest rather than being closed. An activity
 * seals its own rep's waiting position ({@link #offerAbout}); a snapshot, a replay or an error seals every waiting
 * position ({@link #generation}): a later position of that rep queues anew, behind it, so a rep's position never
 * moves across that rep's activity, nor any position across a snapshot, a replay or an error. (Other reps'
 * positions may pass an activity: with an activity every 100 ms somewhere in a team, sealing them all would leave
 * nothing to merge.)
 * A waiting position is a {@link Waiting} entry in the queue: the producer swaps its frame for the newer one, the
 * drain swaps it for null as it takes it, so exactly one of them wins; a producer that finds null (the frame is on
 * its way to the client) queues a new entry with the newer frame. Entries are short-lived on purpose: one is made for
 * each position queued and dropped once written (the drain clears the rep's slot), so the only long-lived object a
 * new frame is stored into is the slot array. A long-lived entry per rep and connection, written with each new frame,
 * made the garbage collector scan 250,000 such entries at every young pause with 50 dashboards of 5,000 reps.
 */
final class ChannelOutbox implements LiveOutbox, Runnable {

    /** How soon to look again at a channel that could not take more. */
    private static final long RETRY_MILLIS = 10;
    /** The size of the buffers that frames are copied into; a larger frame gets a buffer of its own size. */
    private static final int BATCH_BYTES = 32 * 1024;

    /**
     * A rep's position frame in the queue: its frame, replaced while it waits; null once the drain took it (it is
     * then out of the queue and may be queued again).
     */
    private static final class Waiting extends AtomicReference<LiveFrame> {
        final int slot;
        /** The {@link #generation} it was queued in. */
        final long generation;

        Waiting(int slot, long generation, LiveFrame frame) {
            super(frame);
            this.slot = slot;
            this.generation = generation;
        }
    }

    private final Channel channel;
    private final int capacity;
    private final long lingerNanos;
    private final Counter merged;
    /** {@link LiveFrame}s and {@link Waiting} entries. */
    private final Queue<Object> queue = Queues.<Object>unboundedMultiproducer().get();

    private final Queue<Object> urgent = Queues.<Object>unboundedMultiproducer().get();
    /** The kept frames in {@link #queue}, in order; emptied only once each is in a buffer to be written. */
    private final Queue<LiveFrame> kept =
            Queues.<LiveFrame>unboundedMultiproducer().get();

    /**
     * Each rep's entry by slot while it waits, or since it was written until the drain clears it; null otherwise.
     * Written by producers (and grown by them alone), cleared by the drain.
     */
    private volatile AtomicReferenceArray<Waiting> waiting = new AtomicReferenceArray<>(0);
    /** Counts the frames that seal the positions before them; producers only. */
    private long generation;

    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** An immediate write (for urgent frames, or a queue filling during the linger) is on its way to the event loop. */
    private final AtomicBoolean writeNowDue = new AtomicBoolean();
    /**
     * Frames waiting that end the linger early: the linger is the server's choice to save writes, and must not fill
     * the queue of a client that reads as fast as it is written to, and have it closed as too slow.
     */
    private final int writeNowAt;

    private volatile boolean closed;

    /**
     * @param merged counts the position frames replaced before they were written
     */
    ChannelOutbox(Channel channel, int capacity, Duration linger, Counter merged) {
        this.channel = channel;
        this.capacity = capacity;
        this.writeNowAt = Math.max(1, capacity / 4);
        this.lingerNanos = linger.toNanos();
        this.merged = merged;
    }

    @Override
    public boolean offer(LiveFrame frame, Order order) {
        if (closed) {
            return true;
        }
        if (!reserve()) {
            return false;
        }
        if (order == Order.URGENT && kept.isEmpty()) {
            urgent.offer(frame);
            if (!wake()) {
                // A drain is due already, maybe only after the linger: this one goes out now.
                writeNow();
            }
            return true;
        }
        if (order != Order.URGENT) {
            generation++;
        }
        if (order == Order.KEPT) {
            kept.offer(frame);
        }
        queue.offer(frame);
        wakeOrWriteNowWhenFilling();
        return true;
    }

    @Override
    public boolean offerAbout(int slot, LiveFrame frame) {
        if (closed) {
            return true;
        }
        if (!reserve()) {
            return false;
        }
        if (slot < waiting.length()) {
            // The rep's waiting position stays where it is; the rep's next one gets an entry of its own behind this.
            waiting.set(slot, null);
        }
        queue.offer(frame);
        wakeOrWriteNowWhenFilling();
        return true;
    }

    @Override
    public boolean offerPosition(int slot, LiveFrame frame) {
        if (closed) {
            return true;
        }
        Waiting entry = slot < waiting.length() ? waiting.get(slot) : null;
        if (entry != null) {
            LiveFrame previous = entry.get();
            if (previous != null && entry.generation == generation && entry.compareAndSet(previous, frame)) {
                merged.increment();
                return true;
            }
            // Sealed by a later frame and still waiting before it, or taken by the drain just now: this one queues
            // in an entry of its own.
        }
        if (!reserve()) {
            return false;
        }
        Waiting fresh = new Waiting(slot, generation, frame);
        slotOf(slot).set(slot, fresh);
        queue.offer(fresh);
        wakeOrWriteNowWhenFilling();
        return true;
    }

    /** The slot array, grown to hold this slot; producers only. */
    private AtomicReferenceArray<Waiting> slotOf(int slot) {
        AtomicReferenceArray<Waiting> slots = waiting;
        if (slot < slots.length()) {
            return slots;
        }
        AtomicReferenceArray<Waiting> grown = new AtomicReferenceArray<>(Math.max(slot + 1, slots.length() * 2));
        for (int i = 0; i < slots.length(); i++) {
            grown.set(i, slots.get(i));
        }
        // An entry the drain clears in the old array meanwhile stays in the new one, its frame taken: the next
        // position of that rep then gets a new entry, as it would have.
        waiting = grown;
        return grown;
    }

    /** Takes a waiting position's frame for writing and clears the rep's slot, unless a newer entry holds it. */
    private LiveFrame take(Waiting position) {
        LiveFrame frame = position.getAndSet(null);
        AtomicReferenceArray<Waiting> slots = waiting;
        if (position.slot < slots.length()) {
            slots.compareAndSet(position.slot, position, null);
        }
        return frame;
    }

    /** How many reps' entries the outbox holds: those waiting, and those written whose slot is not yet cleared. */
    int heldPositions() {
        AtomicReferenceArray<Waiting> slots = waiting;
        int held = 0;
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) != null) {
                held++;
            }
        }
        return held;
    }

    /** Takes room for one more frame; false when there is none. */
    private boolean reserve() {
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Makes sure a drain runs; true when this call scheduled it, false when one was due already. */
    private boolean wake() {
        if (scheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(this);
            return true;
        }
        return false;
    }

    /** Makes sure a drain runs, and when a quarter of the capacity waits, that it does not wait for the linger. */
    private void wakeOrWriteNowWhenFilling() {
        if (!wake() && queued.get() >= writeNowAt) {
            writeNow();
        }
    }

    /** Has the waiting frames written at once, on the event loop, unless such a write is on its way already. */
    private void writeNow() {
        if (writeNowDue.compareAndSet(false, true)) {
            channel.eventLoop().execute(this::writeWaitingNow);
        }
    }

    /** The lane to take the next frame from: urgent frames first; null when both are empty. */
    private Queue<Object> lane() {
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
        boolean wrote = writeWaiting();
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

    /**
     * Writes what waits now, on the event loop, without waiting for the linger or changing when the next drain runs:
     * an urgent frame, or a queue filling up, while a drain is already due later goes out at once.
     */
    private void writeWaitingNow() {
        writeNowDue.set(false);
        if (!closed && channel.isActive()) {
            writeWaiting();
        }
    }

    /** Copies the waiting frames into buffers and writes them while the channel takes data; flushes once. */
    private boolean writeWaiting() {
        boolean wrote = false;
        while (channel.isWritable()) {
            ByteBuf batch = null;
            for (Queue<Object> lane = lane(); lane != null; lane = lane()) {
                Object next = lane.peek();
                // A waiting position may yet be replaced by a longer one: the buffer then grows to take it.
                int length = (next instanceof Waiting position ? position.get() : (LiveFrame) next).wire().length;
                if (batch == null) {
                    batch = channel.alloc().directBuffer(Math.max(BATCH_BYTES, length));
                } else if (batch.writableBytes() < length) {
                    break;
                }
                lane.poll();
                queued.decrementAndGet();
                LiveFrame frame = next instanceof Waiting position ? take(position) : (LiveFrame) next;
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
        return wrote;
    }
}
