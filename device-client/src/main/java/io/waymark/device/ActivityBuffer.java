package io.waymark.device;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waymark.protocol.Activity;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The durable buffer of activities not yet stored by the server, in the order they were recorded.
 *
 * <p>File {@code activities.jsonl}: {@code {"activity":{…}}} lines for recorded activities and
 * {@code {"done":[ids…]}} lines for those the server answered (STORED, DUPLICATE or REJECTED) or that were dropped.
 * Compacted like the ping buffer.
 *
 * <p>Bound: at most {@code maxActivities} pending; recording into a full buffer drops the OLDEST pending activity
 * and counts it in {@link #droppedActivities()} (in memory only; the file keeps the drop itself).
 *
 * <p>Thread-safe; every method may do file I/O and must not run on an event loop.
 */
final class ActivityBuffer implements Closeable {

    static final String FILE_NAME = "activities.jsonl";

    /** One line of the journal. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Line(Activity activity, List<String> done) {}

    private final Map<String, Activity> pending = new LinkedHashMap<>();
    private final int maxActivities;
    private final int compactionSlackLines;
    private final JournalFile<Line> journal;
    private long droppedActivities;
    private boolean closed;

    private ActivityBuffer(Path directory, int maxActivities, boolean fsync, int compactionSlackLines) {
        if (maxActivities < 1) {
            throw new IllegalArgumentException("maxActivities must be at least 1: " + maxActivities);
        }
        this.maxActivities = maxActivities;
        this.compactionSlackLines = compactionSlackLines;
        this.journal = JournalFile.open(directory.resolve(FILE_NAME), Line.class, Json.MAPPER, fsync, this::replay);
        Iterator<String> oldest = pending.keySet().iterator();
        while (pending.size() > maxActivities) {
            oldest.next();
            oldest.remove();
            droppedActivities++;
        }
        compactIfWorthIt(true);
    }

    static ActivityBuffer open(Path directory, int maxActivities, boolean fsync) {
        return new ActivityBuffer(directory, maxActivities, fsync, PingBuffer.DEFAULT_COMPACTION_SLACK_LINES);
    }

    static ActivityBuffer open(Path directory, int maxActivities, boolean fsync, int compactionSlackLines) {
        return new ActivityBuffer(directory, maxActivities, fsync, compactionSlackLines);
    }

    private void replay(Line line) {
        if (line.activity() != null && line.activity().id() != null) {
            pending.putIfAbsent(line.activity().id(), line.activity());
        }
        if (line.done() != null) {
            line.done().forEach(pending::remove);
        }
    }

    /** Appends an activity; false when one with the same id is already pending (nothing is written). */
    synchronized boolean append(Activity activity) {
        ensureOpen();
        Objects.requireNonNull(activity.id(), "an activity needs an id");
        if (pending.containsKey(activity.id())) {
            return false;
        }
        List<Line> lines = new ArrayList<>(2);
        lines.add(new Line(activity, null));
        String dropped = null;
        if (pending.size() >= maxActivities) {
            dropped = pending.keySet().iterator().next();
            lines.add(new Line(null, List.of(dropped)));
        }
        journal.append(lines);
        if (dropped != null) {
            pending.remove(dropped);
            droppedActivities++;
        }
        pending.put(activity.id(), activity);
        compactIfWorthIt(false);
        return true;
    }

    /** Up to {@code max} pending activities, oldest first. */
    synchronized List<Activity> oldest(int max) {
        List<Activity> out = new ArrayList<>(Math.min(max, pending.size()));
        for (Activity activity : pending.values()) {
            if (out.size() == max) {
                break;
            }
            out.add(activity);
        }
        return out;
    }

    /**
     * Whether a {@code CLOCK_IN} or {@code CLOCK_OUT} waits to be acknowledged: pings wait for it, so that the server
     * knows the shift before it judges the pings taken in it.
     */
    synchronized boolean clockEventPending() {
        for (Activity activity : pending.values()) {
            if ("CLOCK_IN".equals(activity.type()) || "CLOCK_OUT".equals(activity.type())) {
                return true;
            }
        }
        return false;
    }

    /** Removes the activities with these ids; returns how many were pending. */
    synchronized int remove(Collection<String> ids) {
        ensureOpen();
        List<String> present = ids.stream().filter(pending::containsKey).toList();
        if (present.isEmpty()) {
            return 0;
        }
        journal.append(List.of(new Line(null, present)));
        present.forEach(pending::remove);
        compactIfWorthIt(false);
        return present.size();
    }

    private void compactIfWorthIt(boolean force) {
        long dead = journal.lineCount() - pending.size();
        if (dead > pending.size() + compactionSlackLines || (force && journal.skippedLines() > 0)) {
            List<Line> lines = new ArrayList<>(pending.size());
            for (Activity activity : pending.values()) {
                lines.add(new Line(activity, null));
            }
            journal.rewrite(lines);
        }
    }

    synchronized int pendingCount() {
        return pending.size();
    }

    synchronized long droppedActivities() {
        return droppedActivities;
    }

    synchronized long fileLines() {
        return journal.lineCount();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the activity buffer is closed");
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
