package io.waymark.history.web;

import io.waymark.history.internal.TrackCursor;
import io.waymark.history.internal.TrackPage;
import io.waymark.history.internal.Tracks;
import io.waymark.identity.CurrentUser;
import io.waymark.identity.RepId;
import io.waymark.query.QueryParameters;
import io.waymark.query.TimeWindow;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/reps/{repId}/track?from=&to=&limit=&after=}: a rep's stored pings of all its devices as a GeoJSON
 * FeatureCollection, a page of at most {@code limit} points at a time; {@code next} links the following page.
 */
@RestController
class TrackController {

    static final MediaType GEO_JSON = new MediaType("application", "geo+json");
    static final Duration DEFAULT_SPAN = Duration.ofHours(24);
    static final int DEFAULT_LIMIT = 10_000;
    static final int MAX_LIMIT = 100_000;

    private final Tracks tracks;
    private final Clock clock;

    TrackController(Tracks tracks, Clock clock) {
        this.tracks = tracks;
        this.clock = clock;
    }

    @GetMapping("/api/reps/{repId}/track")
    Mono<ResponseEntity<Flux<DataBuffer>>> track(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String repId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String after,
            ServerWebExchange exchange) {
        RepId rep = RepPath.of(repId);
        QueryParameters parameters = new QueryParameters();
        TimeWindow window = parameters.window(from, to, DEFAULT_SPAN, clock.instant());
        int points = parameters.limit("limit", limit, DEFAULT_LIMIT, MAX_LIMIT);
        TrackCursor cursor = null;
        if (after != null && !after.isBlank()) {
            cursor = TrackCursor.of(after.strip()).orElse(null);
            if (cursor == null) {
                parameters.reject("after", "is not a cursor of this track: take the next link of the previous page");
            }
        }
        parameters.check();
        URI request = exchange.getRequest().getURI();
        return tracks.page(user, rep, window, cursor, points).map(page -> ResponseEntity.ok()
                .contentType(GEO_JSON)
                .body(TrackGeoJson.write(
                        page,
                        next(request, window, points, page),
                        exchange.getResponse().bufferFactory())));
    }

    /** The URL of the following page: the same window (made explicit, so that it does not move) and limit. */
    private static String next(URI request, TimeWindow window, int limit, TrackPage page) {
        if (page.next() == null) {
            return null;
        }
        return UriComponentsBuilder.fromUri(request)
                .replaceQuery(null)
                .queryParam("from", window.from().toEpochMilli())
                .queryParam("to", window.to().toEpochMilli())
                .queryParam("limit", limit)
                .queryParam("after", page.next().token())
                .build()
                .toUriString();
    }
}
