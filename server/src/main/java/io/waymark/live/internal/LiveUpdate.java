package io.waymark.live.internal;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.live.LiveRep;
import java.util.Map;

/** What the board tells live connections: a rep changed, or a rep logged an activity. */
public sealed interface LiveUpdate {

    TeamId teamId();

    /** A rep's new live state; updates of one rep may be conflated. */
    record RepChanged(RepId repId, TeamId teamId, LiveRep rep) implements LiveUpdate {}

    /** An activity as stored, with its rep and team; never conflated or dropped. */
    record ActivityLogged(TeamId teamId, Map<String, Object> activity) implements LiveUpdate {}
}
