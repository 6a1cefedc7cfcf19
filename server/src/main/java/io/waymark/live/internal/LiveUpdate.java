package io.waymark.live.internal;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.live.LiveRep;
import java.util.Map;

/** What the board tells live connections: a rep changed, a rep logged an activity, or an alert changed. */
public sealed interface LiveUpdate {

    TeamId teamId();

    /** The update as the live WebSocket's text frame, made once for every connection. */
    LiveFrame message();

    /**
     * A rep's new live state; updates of one rep may be conflated.
     *
     * @param slot a small number the board gave the rep, the same for as long as the server runs, so that
     *     connections keep per-rep state in arrays
     */
    record RepChanged(RepId repId, int slot, TeamId teamId, LiveRep rep, LiveFrame message) implements LiveUpdate {

        public RepChanged {
            if (slot < 0) {
                throw new IllegalArgumentException("slot must be at least 0");
            }
        }
    }

    /** An alert event, in seq order; never conflated or dropped. */
    record AlertEvent(TeamId teamId, long seq, LiveFrame message) implements LiveUpdate {}

    /**
     * An activity as stored, with its rep and team; never conflated or dropped.
     *
     * @param slot the board's slot for the activity's rep (see {@link RepChanged})
     */
    record ActivityLogged(TeamId teamId, int slot, Map<String, Object> activity, LiveFrame message)
            implements LiveUpdate {

        public ActivityLogged {
            if (slot < 0) {
                throw new IllegalArgumentException("slot must be at least 0");
            }
        }
    }
}
