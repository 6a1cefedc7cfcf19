package io.waymark.live;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import java.time.Instant;

/** A rep's live status changed (for example ACTIVE to IDLE, or to OFFLINE when the pings stopped). */
public record RepStatusChanged(RepId repId, TeamId teamId, RepStatus from, RepStatus to, Instant at) {}
