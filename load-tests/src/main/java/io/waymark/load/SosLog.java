package io.waymark.load;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The SOS a run sent, by rep, shared by the pacer that sends them, the devices that read their answers and the
 * dashboards that measure their {@code alert} messages. One SOS per rep per run, so the rep id is the key.
 */
final class SosLog {

    /**
     * One SOS on its way.
     *
     * @param sentMicros the wall clock ({@link WallClock}) just before the request was handed to RSocket
     * @param ts the activity's {@code ts}, {@link System#currentTimeMillis()} when it was made
     * @param inWindow whether it was sent in the measured window
     */
    record Sent(long sentMicros, long ts, boolean inWindow) {}

    private final Map<String, Sent> byRep = new ConcurrentHashMap<>();
    private final ConcurrentHistogram storedMicros = new ConcurrentHistogram(3);

    final LongAdder sent = new LongAdder();
    final LongAdder sentInWindow = new LongAdder();
    final LongAdder stored = new LongAdder();
    final LongAdder notStored = new LongAdder();
    final LongAdder failed = new LongAdder();

    void sent(String repId, Sent sos) {
        byRep.put(repId, sos);
        sent.increment();
        if (sos.inWindow()) {
            sentInWindow.increment();
        }
    }

    /** The SOS this run sent for a rep, or null. */
    Sent of(String repId) {
        return byRep.get(repId);
    }

    /** The server answered the {@code activities} request: STORED (or not), {@code micros} after it was sent. */
    void answered(Sent sos, boolean wasStored, long micros) {
        if (!wasStored) {
            notStored.increment();
            return;
        }
        stored.increment();
        if (sos.inWindow()) {
            storedMicros.recordValue(Math.max(0, micros));
        }
    }

    /** The reps that sent an SOS. */
    Set<String> reps() {
        return Set.copyOf(byRep.keySet());
    }

    /** The {@code activities} answer latency of the SOS sent in the window. */
    Histogram storedMicros() {
        return storedMicros.copy();
    }
}
