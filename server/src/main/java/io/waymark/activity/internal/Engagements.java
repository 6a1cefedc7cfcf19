package io.waymark.activity.internal;

import io.waymark.identity.CurrentUser;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.protocol.Activity;
import io.waymark.query.TimeWindow;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Visits and deals made from the stored activities, seen through the eyes of a user (a team or rep filter the user
 * may not see is not found).
 */
@Component
public class Engagements {

    /** A visit that started in the window may end this long after it. */
    static final Duration VISIT_END_GRACE = Duration.ofHours(24);

    /** At most this many events are read per answer. */
    static final int MAX_EVENTS = 50_000;

    private final ActivityLog log;
    private final JsonMapper json;

    Engagements(ActivityLog log, JsonMapper json) {
        this.log = log;
        this.json = json;
    }

    /** The visits that started in the window, in start order. */
    public Mono<List<Visit>> visits(CurrentUser user, TeamId team, RepId rep, TimeWindow window) {
        TimeWindow read = new TimeWindow(window.from(), window.to().plus(VISIT_END_GRACE));
        ActivityQuery query = new ActivityQuery(team, rep, read, Set.of("VISIT_START", "VISIT_END"), MAX_EVENTS);
        return log.find(user, query)
                .flatMap(activities -> activities
                        .map(stored -> new Visit.Event(stored.repId(), stored.teamId(), activity(stored)))
                        .collectList())
                .map(events -> Visit.pair(events).stream()
                        .filter(visit -> window.contains(visit.start()))
                        .toList());
    }

    /**
     * The deals updated in the window, the latest updated first, with their updates in the window; of one stage
     * (as the latest update left it) when {@code stage} is not null.
     */
    public Mono<List<Deal>> deals(CurrentUser user, TeamId team, RepId rep, TimeWindow window, String stage) {
        ActivityQuery query = new ActivityQuery(team, rep, window, Set.of("DEAL_UPDATE"), MAX_EVENTS);
        return log.find(user, query)
                .flatMap(activities -> activities
                        .map(stored -> new Deal.Event(stored.repId(), stored.teamId(), activity(stored)))
                        .collectList())
                .map(events -> Deal.fold(events).stream()
                        .filter(deal -> stage == null || stage.equalsIgnoreCase(deal.stage()))
                        .toList());
    }

    /** The activity as the device sent it (its id, type and time are the stored ones: the payload was validated). */
    private Activity activity(LoggedActivity stored) {
        return json.readValue(stored.payload(), Activity.class);
    }
}
