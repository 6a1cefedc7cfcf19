package io.waymark.ingest.internal;

import io.waymark.protocol.ActivityTypes;
import io.waymark.protocol.PingBatch;
import io.waymark.protocol.RequestError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The read and validate stages for activities: each activity is valid, or rejected with the contract's reason
 * ({@code FIELD_MISSING}, {@code TYPE_UNKNOWN}, {@code FIELD_INVALID}, {@code TS_IN_FUTURE}); a request that is not
 * {@code {"activities":[{…}…]}} is refused whole.
 */
public final class ActivityReader {

    public static final Set<String> TYPES = Set.copyOf(ActivityTypes.ALL);
    public static final Set<String> OUTCOMES = Set.copyOf(ActivityTypes.OUTCOMES);
    private static final Map<String, Set<String>> ENUMERATED = Map.of(
            "outcome", OUTCOMES,
            "direction", Set.of("IN", "OUT"),
            "gps", Set.of("ON", "OFF"),
            "permission", Set.of("ALWAYS", "WHILE_IN_USE", "DENIED"),
            "network", Set.of("WIFI", "CELL", "NONE"));
    private static final Map<String, Integer> TEXTS =
            Map.of("address", 500, "contactName", 200, "notes", 4000, "leadId", 100, "stage", 100);
    private static final int MAX_ID_LENGTH = 64;

    private final long maxRequestBytes;
    private final Duration maxClockSkew;

    public ActivityReader(long maxRequestBytes, Duration maxClockSkew) {
        this.maxRequestBytes = maxRequestBytes;
        this.maxClockSkew = maxClockSkew;
    }

    /** One activity of a request: its node, and why it is rejected (null when valid). */
    public record ReadActivity(String id, JsonNode node, String rejection) {

        public boolean valid() {
            return rejection == null;
        }
    }

    public List<ReadActivity> read(byte[] data, ObjectMapper mapper, Instant now) {
        JsonNode root = IngestJson.readRequest(data, maxRequestBytes, mapper);
        JsonNode activities = root != null && root.isObject() ? root.get("activities") : null;
        if (activities == null || !activities.isArray()) {
            throw new RequestRefused(RequestError.MALFORMED, "expected an object {\"activities\":[...]}");
        }
        if (activities.size() > PingBatch.MAX_PINGS) {
            throw new RequestRefused(
                    RequestError.BATCH_TOO_LARGE,
                    activities.size() + " activities in one request, the limit is " + PingBatch.MAX_PINGS);
        }
        long latestAllowed = now.toEpochMilli() + maxClockSkew.toMillis();
        List<ReadActivity> read = new ArrayList<>(activities.size());
        for (JsonNode node : activities) {
            if (!node.isObject()) {
                throw new RequestRefused(RequestError.MALFORMED, "every element of \"activities\" must be an object");
            }
            JsonNode id = node.get("id");
            String idText = id != null && id.isString() ? id.asString() : null;
            read.add(new ReadActivity(idText, node, check(node, latestAllowed)));
        }
        return read;
    }

    /** Why an activity is rejected, or null when it is valid. */
    static String check(JsonNode activity, long latestAllowedMillis) {
        for (String field : List.of("id", "type", "ts")) {
            if (absent(activity.get(field))) {
                return "FIELD_MISSING";
            }
        }
        JsonNode type = activity.get("type");
        if (!type.isString() || !TYPES.contains(type.asString())) {
            return "TYPE_UNKNOWN";
        }
        if ("DOOR_KNOCK".equals(type.asString()) && absent(activity.get("outcome"))) {
            return "FIELD_MISSING";
        }
        JsonNode id = activity.get("id");
        if (!id.isString() || id.asString().isBlank() || id.asString().length() > MAX_ID_LENGTH) {
            return "FIELD_INVALID";
        }
        if (!finite(activity.get("ts"))) {
            return "FIELD_INVALID";
        }
        if (!optionalNumberWithin(activity.get("lat"), -90, 90)
                || !optionalNumberWithin(activity.get("lon"), -180, 180)
                || absent(activity.get("lat")) != absent(activity.get("lon"))
                || !optionalNumberWithin(activity.get("amount"), 0, Double.MAX_VALUE)
                || !optionalNumberWithin(activity.get("durationSec"), 0, Double.MAX_VALUE)
                || !optionalNumberWithin(activity.get("followUpAt"), 0, Double.MAX_VALUE)
                || !optionalNumberWithin(activity.get("battery"), 0, 1)) {
            return "FIELD_INVALID";
        }
        for (Map.Entry<String, Set<String>> field : ENUMERATED.entrySet()) {
            JsonNode value = activity.get(field.getKey());
            if (!absent(value) && (!value.isString() || !field.getValue().contains(value.asString()))) {
                return "FIELD_INVALID";
            }
        }
        for (Map.Entry<String, Integer> field : TEXTS.entrySet()) {
            JsonNode value = activity.get(field.getKey());
            if (!absent(value) && (!value.isString() || value.asString().length() > field.getValue())) {
                return "FIELD_INVALID";
            }
        }
        JsonNode powerSave = activity.get("powerSave");
        if (!absent(powerSave) && !powerSave.isBoolean()) {
            return "FIELD_INVALID";
        }
        if (activity.get("ts").doubleValue() > latestAllowedMillis) {
            return "TS_IN_FUTURE";
        }
        return null;
    }

    private static boolean absent(JsonNode value) {
        return value == null || value.isNull();
    }

    private static boolean finite(JsonNode value) {
        return value.isNumber() && Double.isFinite(value.doubleValue());
    }

    private static boolean optionalNumberWithin(JsonNode value, double min, double max) {
        if (absent(value)) {
            return true;
        }
        return finite(value) && value.doubleValue() >= min && value.doubleValue() <= max;
    }
}
