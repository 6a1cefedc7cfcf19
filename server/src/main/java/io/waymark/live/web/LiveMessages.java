package io.waymark.live.web;

import io.waymark.live.LiveRep;
import java.util.List;
import java.util.Map;

/** The messages of the live WebSocket (contract §5), one JSON object per text frame. */
final class LiveMessages {

    private LiveMessages() {}

    /** Sent first, and again after a {@code subscribe}: every rep the user may see, and the alerts. */
    record Snapshot(String type, List<LiveRep> reps, List<Object> alerts, long alertSeq) {
        Snapshot(List<LiveRep> reps, long alertSeq) {
            this("snapshot", reps, List.of(), alertSeq);
        }
    }

    record Rep(String type, LiveRep rep) {
        Rep(LiveRep rep) {
            this("rep", rep);
        }
    }

    record Activity(String type, Map<String, Object> activity) {
        Activity(Map<String, Object> activity) {
            this("activity", activity);
        }
    }

    /** The answer to a client message the server cannot take. */
    record Error(String type, String detail) {
        Error(String detail) {
            this("error", detail);
        }
    }
}
