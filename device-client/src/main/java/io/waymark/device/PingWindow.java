package io.waymark.device;

import io.waymark.protocol.Ping;
import io.waymark.protocol.PingBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The sending side of one {@code pings} channel: which pings were handed out (a cursor) and which batches wait for
 * their Ack, in order. Starts at the buffer's removal watermark, so a new channel resends everything unacknowledged.
 */
final class PingWindow {

    /** A batch waiting for its Ack. */
    record InFlight(long maxSeq, int size) {}

    private final PingBuffer buffer;
    private final int maxBatchSize;
    private final int maxBatchesInFlight;
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private long cursor;
    private boolean flushDue;

    PingWindow(PingBuffer buffer, int maxBatchSize, int maxBatchesInFlight) {
        this.buffer = buffer;
        this.maxBatchSize = maxBatchSize;
        this.maxBatchesInFlight = maxBatchesInFlight;
        this.cursor = buffer.removedThroughSeq();
    }

    /** The flush interval passed: the next call also sends a partly filled batch. */
    synchronized void flushDue() {
        flushDue = true;
    }

    /** The batches to send now: full ones always, a partial one when a flush is due; never over the in-flight limit. */
    synchronized List<PingBatch> next() {
        List<PingBatch> out = new ArrayList<>();
        while (inFlight.size() < maxBatchesInFlight) {
            List<Ping> pings = buffer.after(Math.max(cursor, buffer.removedThroughSeq()), maxBatchSize);
            if (pings.isEmpty()) {
                flushDue = false;
                break;
            }
            if (pings.size() < maxBatchSize && !flushDue) {
                break;
            }
            cursor = pings.get(pings.size() - 1).seq();
            inFlight.add(new InFlight(cursor, pings.size()));
            out.add(new PingBatch(pings));
        }
        return out;
    }

    /** The oldest batch waiting for an Ack, removed; null when none waits. */
    synchronized InFlight acked() {
        return inFlight.poll();
    }
}
