package io.waymark.device;

/**
 * A snapshot of a device's counters. Counters named "since start" count in this process only; the others come
 * from the buffer files.
 *
 * @param recordedPings pings recorded since start
 * @param skippedOffShiftPings pings not kept since start because the rep was off shift under {@code SHIFT_ONLY}
 * @param sentPings pings sent since start, resends included
 * @param ackedPings pings acknowledged since start (accepted, duplicate, rejected or dropped by the server)
 * @param discardedPings pings given up since start because the server refused their whole batch as MALFORMED,
 *     BATCH_TOO_LARGE or FRAME_TOO_LARGE
 * @param pendingPings pings in the buffer, waiting for an Ack
 * @param droppedPings the oldest pending pings dropped because the buffer was full (persisted)
 * @param lastSeq the last seq the device used
 * @param pendingActivities activities in the buffer, waiting for a result
 * @param droppedActivities the oldest pending activities dropped since start because the buffer was full
 * @param connections connections greeted since start
 */
public record DeviceStats(
        long recordedPings,
        long skippedOffShiftPings,
        long sentPings,
        long ackedPings,
        long discardedPings,
        long pendingPings,
        long droppedPings,
        long lastSeq,
        long pendingActivities,
        long droppedActivities,
        long connections) {}
