package io.waymark.device;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waymark.protocol.Ping;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * The durable buffer of pings not yet acknowledged, plus the device's seq counter and last known privacy state.
 *
 * <p>File {@code pings.jsonl}: one line per recorded ping ({@code {"ping":{…}}}) and small state lines
 * ({@code {"state":{…}}}) that move the removal watermark, raise the seq counter or record the privacy state.
 * Pings with a seq at or below the watermark are gone (acknowledged, or dropped because the buffer was full). When
 * dead lines outnumber the live ones (and exceed {@code compactionSlackLines}), the file is rewritten with one state
 * line and the pending pings.
 *
 * <p>Bound: at most {@code maxPings} pending pings; appending to a full buffer drops the OLDEST pending ping and
 * counts it in {@link #droppedPings()}. Pending pings are also held in memory (about 200 bytes each).
 *
 * <p>Thread-safe (every method is synchronized); every method may do file I/O and must not run on an event loop.
 */
final class PingBuffer implements Closeable {

    static final String FILE_NAME = "pings.jsonl";
    static final int DEFAULT_COMPACTION_SLACK_LINES = 10_000;

    /** One line of the journal: a ping or a state change. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Line(Ping ping, State state) {}

    /** A state change; null fields are unchanged. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record State(Long lastSeq, Long removedThroughSeq, Long droppedPings, String tracking, Boolean onShift) {}

    private final NavigableMap<Long, Ping> pending = new TreeMap<>();
    private final int maxPings;
    private final int compactionSlackLines;
    private final JournalFile<Line> journal;
    private long lastSeq;
    private long removedThroughSeq;
    private long droppedPings;
    private String tracking;
    private Boolean onShift;
    private boolean closed;

    private PingBuffer(Path directory, int maxPings, boolean fsync, int compactionSlackLines) {
        if (maxPings < 1) {
            throw new IllegalArgumentException("maxPings must be at least 1: " + maxPings);
        }
        this.maxPings = maxPings;
        this.compactionSlackLines = compactionSlackLines;
        this.journal = JournalFile.open(directory.resolve(FILE_NAME), Line.class, Json.MAPPER, fsync, this::replay);
        pending.headMap(removedThroughSeq, true).clear();
        while (pending.size() > maxPings) {
            removedThroughSeq = pending.pollFirstEntry().getKey();
            droppedPings++;
        }
        compactIfWorthIt(true);
    }

    static PingBuffer open(Path directory, int maxPings, boolean fsync) {
        return new PingBuffer(directory, maxPings, fsync, DEFAULT_COMPACTION_SLACK_LINES);
    }

    static PingBuffer open(Path directory, int maxPings, boolean fsync, int compactionSlackLines) {
        return new PingBuffer(directory, maxPings, fsync, compactionSlackLines);
    }

    private void replay(Line line) {
        if (line.ping() != null) {
            Ping ping = line.ping();
            pending.put(ping.seq(), ping);
            lastSeq = Math.max(lastSeq, ping.seq());
        }
        State state = line.state();
        if (state != null) {
            if (state.lastSeq() != null) {
                lastSeq = Math.max(lastSeq, state.lastSeq());
            }
            if (state.removedThroughSeq() != null) {
                removedThroughSeq = Math.max(removedThroughSeq, state.removedThroughSeq());
            }
            if (state.droppedPings() != null) {
                droppedPings = state.droppedPings();
            }
            if (state.tracking() != null) {
                tracking = state.tracking();
            }
            if (state.onShift() != null) {
                onShift = state.onShift();
            }
        }
    }

    /**
     * Appends a ping whose seq the caller chose. Its seq must be above every seq this device used so far.
     *
     * @return the ping, or empty when the privacy policy says not to keep pings now (off shift under SHIFT_ONLY)
     */
    synchronized Optional<Ping> append(Ping ping) {
        ensureOpen();
        if (ping.seq() <= lastSeq) {
            throw new IllegalArgumentException(
                    "seq must be above the device's last seq " + lastSeq + ": " + ping.seq());
        }
        return store(ping);
    }

    /** Appends a ping made by {@code factory} with the next seq of the device's counter. */
    synchronized Optional<Ping> appendNext(LongFunction<Ping> factory) {
        ensureOpen();
        Ping ping = factory.apply(lastSeq + 1);
        if (ping.seq() != lastSeq + 1) {
            throw new IllegalStateException("factory changed the seq");
        }
        return store(ping);
    }

    private Optional<Ping> store(Ping ping) {
        if (!keepsPings()) {
            return Optional.empty();
        }
        List<Line> lines = new ArrayList<>(2);
        lines.add(new Line(ping, null));
        if (pending.size() >= maxPings) {
            long oldest = pending.firstKey();
            droppedPings++;
            lines.add(new Line(null, new State(null, oldest, droppedPings, null, null)));
            pending.remove(oldest);
            removedThroughSeq = Math.max(removedThroughSeq, oldest);
        }
        journal.append(lines);
        pending.put(ping.seq(), ping);
        lastSeq = ping.seq();
        compactIfWorthIt(false);
        return Optional.of(ping);
    }

    /** Up to {@code max} pending pings with a seq above {@code afterSeq}, in seq order. */
    synchronized List<Ping> after(long afterSeq, int max) {
        List<Ping> out = new ArrayList<>(Math.min(max, pending.size()));
        for (Ping ping : pending.tailMap(afterSeq, false).values()) {
            if (out.size() == max) {
                break;
            }
            out.add(ping);
        }
        return out;
    }

    /** Removes every pending ping with a seq at or below {@code seq}; returns how many went. */
    synchronized int removeThrough(long seq) {
        ensureOpen();
        if (seq <= removedThroughSeq) {
            return 0;
        }
        NavigableMap<Long, Ping> gone = pending.headMap(seq, true);
        int count = gone.size();
        gone.clear();
        removedThroughSeq = seq;
        journal.append(List.of(new Line(null, new State(null, seq, null, null, null))));
        compactIfWorthIt(false);
        return count;
    }

    /** Makes the counter continue above {@code seq} (the server knows a higher seq: the app was reinstalled). */
    synchronized boolean raiseSeq(long seq) {
        ensureOpen();
        if (seq <= lastSeq) {
            return false;
        }
        lastSeq = seq;
        journal.append(List.of(new Line(null, new State(seq, null, null, null, null))));
        return true;
    }

    /** Records the privacy state; null arguments leave that part unchanged. */
    synchronized void privacy(String newTracking, Boolean newOnShift) {
        ensureOpen();
        boolean changed = (newTracking != null && !newTracking.equals(tracking))
                || (newOnShift != null && !newOnShift.equals(onShift));
        if (!changed) {
            return;
        }
        if (newTracking != null) {
            tracking = newTracking;
        }
        if (newOnShift != null) {
            onShift = newOnShift;
        }
        journal.append(List.of(new Line(null, new State(null, null, null, newTracking, newOnShift))));
    }

    /** False while the team tracks only on shift and the rep is known to be off shift. */
    synchronized boolean keepsPings() {
        return !("SHIFT_ONLY".equals(tracking) && Boolean.FALSE.equals(onShift));
    }

    private void compactIfWorthIt(boolean force) {
        long dead = journal.lineCount() - pending.size();
        if (dead > pending.size() + compactionSlackLines || (force && journal.skippedLines() > 0)) {
            List<Line> lines = new ArrayList<>(pending.size() + 1);
            lines.add(new Line(null, new State(lastSeq, removedThroughSeq, droppedPings, tracking, onShift)));
            for (Ping ping : pending.values()) {
                lines.add(new Line(ping, null));
            }
            journal.rewrite(lines);
        }
    }

    synchronized long lastSeq() {
        return lastSeq;
    }

    synchronized long removedThroughSeq() {
        return removedThroughSeq;
    }

    synchronized int pendingCount() {
        return pending.size();
    }

    synchronized long droppedPings() {
        return droppedPings;
    }

    synchronized String tracking() {
        return tracking;
    }

    synchronized Boolean onShift() {
        return onShift;
    }

    synchronized long fileLines() {
        return journal.lineCount();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the ping buffer is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            journal.close();
        }
    }
}
