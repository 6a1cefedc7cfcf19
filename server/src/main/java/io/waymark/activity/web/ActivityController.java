package io.waymark.activity.web;

import io.waymark.activity.internal.ActivityLog;
import io.waymark.activity.internal.ActivityQuery;
import io.waymark.activity.internal.LoggedActivity;
import io.waymark.identity.CurrentUser;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.protocol.ActivityTypes;
import io.waymark.query.QueryParameters;
import io.waymark.query.TimeWindow;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/activities?teamId=&repId=&from=&to=&type=&limit=}: the stored activities the user may see, the
 * earliest first, as a JSON array (each the activity as sent plus {@code repId, teamId, deviceId, receivedAt}) or, for
 * {@code Accept: text/csv}, as CSV.
 */
@RestController
class ActivityController {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final Duration DEFAULT_SPAN = Duration.ofHours(24);
    static final int DEFAULT_LIMIT = 5_000;
    static final int MAX_LIMIT = 50_000;

    /** Rows per written chunk of the answer. */
    private static final int CHUNK = 256;

    private final ActivityLog log;
    private final JsonMapper json;
    private final Clock clock;

    ActivityController(ActivityLog log, JsonMapper json, Clock clock) {
        this.log = log;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/api/activities")
    Mono<ResponseEntity<Flux<DataBuffer>>> list(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String teamId,
            @RequestParam(required = false) String repId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) List<String> type,
            @RequestParam(required = false) String limit,
            ServerWebExchange exchange) {
        QueryParameters parameters = new QueryParameters();
        TimeWindow window = parameters.window(from, to, DEFAULT_SPAN, clock.instant());
        Set<String> types = types(type, parameters);
        int rows = parameters.limit("limit", limit, DEFAULT_LIMIT, MAX_LIMIT);
        parameters.check();
        ActivityQuery query = new ActivityQuery(
                blank(teamId) ? null : new TeamId(Ids.uuid(teamId, "team")),
                blank(repId) ? null : new RepId(Ids.uuid(repId, "rep")),
                window,
                types,
                rows);
        boolean csv = wantsCsv(exchange.getRequest().getHeaders().getAccept());
        DataBufferFactory buffers = exchange.getResponse().bufferFactory();
        return log.find(user, query).map(activities -> csv ? csv(activities, buffers) : json(activities, buffers));
    }

    /** A JSON array written as the rows arrive, a chunk of rows at a time. */
    private ResponseEntity<Flux<DataBuffer>> json(Flux<LoggedActivity> activities, DataBufferFactory buffers) {
        Flux<DataBuffer> body = Flux.defer(() -> {
            boolean[] first = {true};
            return Flux.concat(
                    activities.buffer(CHUNK).map(chunk -> {
                        StringBuilder text = new StringBuilder(chunk.size() * 512);
                        for (LoggedActivity activity : chunk) {
                            text.append(first[0] ? '[' : ',').append(json.writeValueAsString(view(activity)));
                            first[0] = false;
                        }
                        return buffers.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                    }),
                    Mono.fromSupplier(() -> buffers.wrap((first[0] ? "[]" : "]").getBytes(StandardCharsets.UTF_8))));
        });
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** CSV written as the rows arrive, a chunk of rows at a time. */
    private ResponseEntity<Flux<DataBuffer>> csv(Flux<LoggedActivity> activities, DataBufferFactory buffers) {
        ActivityCsv format = new ActivityCsv(json);
        Flux<DataBuffer> body = Flux.concat(
                Mono.fromSupplier(() -> buffers.wrap(ActivityCsv.HEADER.getBytes(StandardCharsets.UTF_8))),
                activities.buffer(CHUNK).map(chunk -> {
                    StringBuilder text = new StringBuilder(chunk.size() * 256);
                    chunk.forEach(activity -> format.append(text, activity));
                    return buffers.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                }));
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("activities.csv")
                                .build()
                                .toString())
                .body(body);
    }

    /** The activity as the device sent it, plus who logged it and when it arrived. */
    private JsonNode view(LoggedActivity activity) {
        JsonNode sent = json.readTree(activity.payload());
        ObjectNode view = sent.isObject() ? (ObjectNode) sent : json.createObjectNode();
        view.put("id", activity.id());
        view.put("type", activity.type());
        view.put("ts", activity.ts().toEpochMilli());
        view.put("repId", activity.repId().toString());
        view.put("teamId", activity.teamId().toString());
        view.put("deviceId", activity.deviceId().toString());
        view.put("receivedAt", activity.receivedAt().toEpochMilli());
        return view;
    }

    /** {@code type} repeated or comma-separated; every one must be a known type. */
    private static Set<String> types(List<String> values, QueryParameters parameters) {
        Set<String> types = new LinkedHashSet<>();
        if (values == null) {
            return types;
        }
        for (String value : values) {
            for (String part : value.split(",", -1)) {
                String name = part.strip();
                if (name.isEmpty()) {
                    continue;
                }
                if (ActivityTypes.isKnown(name)) {
                    types.add(name);
                } else {
                    parameters.reject(
                            "type", "unknown type " + name + "; known: " + String.join(", ", ActivityTypes.ALL));
                }
            }
        }
        return types;
    }

    /** CSV when the client prefers {@code text/csv} to JSON; JSON otherwise (also for no Accept or {@code *}/*). */
    static boolean wantsCsv(List<MediaType> accept) {
        double csv = 0;
        double json = 0;
        for (MediaType type : accept) {
            double quality = type.getQualityValue();
            if (type.isWildcardType()) {
                continue;
            }
            if ("text".equals(type.getType()) && "csv".equals(type.getSubtype())) {
                csv = Math.max(csv, quality);
            } else if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                json = Math.max(json, quality);
            }
        }
        return csv > 0 && csv >= json;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
