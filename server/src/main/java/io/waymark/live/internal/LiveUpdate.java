package io.waymark.live.internal;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.live.LiveRep;
import java.util.Map;

/** What the board tells live connections: a rep changed, or a rep logged an activity. */
public sealed interface LiveUpdate {

    TeamId teamId();

    /** The update as the live WebSocket's text frame, made once for every connection. */
    String message();

    /** A rep's new live state; updates of one rep may be conflated. */
    record RepChanged(RepId repId, TeamId teamId, LiveRep rep, String message) implements LiveUpdate {}

    /** An activity as stored, with its rep and team; never conflated or dropped. */
    record ActivityLogged(TeamId teamId, Map<String, Object> activity, String message) implements LiveUpdate {}
}
