package io.waymark.live.web;

import io.waymark.live.LiveRep;
import java.util.List;
import java.util.Map;

/** The messages of the live WebSocket (contract §5), one JSON object per text frame. */
final class LiveMessages {

    private LiveMessages() {}

    /** Sent first, and again after a {@code subscribe}: every rep the user may see, and the alerts. */
    record Snapshot(String type, List<LiveRep> reps, List<Map<String, Object>> alerts, long alertSeq) {
        Snapshot(List<LiveRep> reps, List<Map<String, Object>> alerts, long alertSeq) {
            this("snapshot", reps, alerts, alertSeq);
        }
    }

    /** The answer to a client message the server cannot take. */
    record Error(String type, String detail) {
        Error(String detail) {
            this("error", detail);
        }
    }
}
