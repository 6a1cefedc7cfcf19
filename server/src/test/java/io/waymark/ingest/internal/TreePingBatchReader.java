package io.waymark.ingest.internal;

import io.waymark.protocol.Ping;
import io.waymark.protocol.PingBatch;
import io.waymark.protocol.Rejection;
import io.waymark.protocol.RejectionReason;
import io.waymark.protocol.RequestError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The test oracle for {@link PingBatchReader}: the tree-based reader that the server used before the streaming one,
 * kept unchanged (only {@code IngestJson.readRequest} copied in, so that the oracle does not move with the main
 * code). It reads the whole request into a Jackson tree, then validates the nodes. The differential tests and the
 * benchmark compare the streaming reader with it.
 */
final class TreePingBatchReader {

    private static final String[] REQUIRED = {"seq", "ts", "lat", "lon"};
    private static final String[] NUMERIC = {
        "seq", "ts", "lat", "lon", "accuracy", "speed", "heading", "altitude", "battery"
    };

    private final long maxRequestBytes;
    private final Duration maxClockSkew;
    private final Duration retention;

    TreePingBatchReader(long maxRequestBytes, Duration maxClockSkew, Duration retention) {
        this.maxRequestBytes = maxRequestBytes;
        this.maxClockSkew = maxClockSkew;
        this.retention = retention;
    }

    PingBatchReader.ReadBatch read(byte[] data, ObjectMapper mapper, Instant now) {
        JsonNode root = readRequest(data, maxRequestBytes, mapper);
        if (root == null || !root.isObject()) {
            throw new RequestRefused(RequestError.MALFORMED, "expected an object {\"pings\":[...]}");
        }
        JsonNode pings = root.get("pings");
        if (pings == null || !pings.isArray()) {
            throw new RequestRefused(RequestError.MALFORMED, "expected an array field \"pings\"");
        }
        if (pings.size() > PingBatch.MAX_PINGS) {
            throw new RequestRefused(
                    RequestError.BATCH_TOO_LARGE,
                    pings.size() + " pings in one batch, the limit is " + PingBatch.MAX_PINGS);
        }
        for (JsonNode element : pings) {
            if (!element.isObject()) {
                throw new RequestRefused(RequestError.MALFORMED, "every element of \"pings\" must be an object");
            }
        }
        long nowMillis = now.toEpochMilli();
        long latestAllowed = nowMillis + maxClockSkew.toMillis();
        long oldestAllowed = nowMillis - retention.toMillis();
        List<Ping> valid = new ArrayList<>(pings.size());
        int[] validIndexes = new int[pings.size()];
        List<Rejection> rejected = new ArrayList<>(0);
        Long upToSeq = null;
        for (int index = 0; index < pings.size(); index++) {
            JsonNode node = pings.get(index);
            Long seq = usableSeq(node.get("seq"));
            if (seq != null && (upToSeq == null || seq > upToSeq)) {
                upToSeq = seq;
            }
            RejectionReason reason = check(node, latestAllowed, oldestAllowed);
            if (reason != null) {
                rejected.add(new Rejection(index, seq, reason.name()));
            } else {
                validIndexes[valid.size()] = index;
                valid.add(toPing(node));
            }
        }
        return new PingBatchReader.ReadBatch(valid, validIndexes, rejected, upToSeq);
    }

    /** {@code IngestJson.readRequest} as it was: the size limit checked before reading, then the whole tree. */
    private static JsonNode readRequest(byte[] data, long maxRequestBytes, ObjectMapper mapper) {
        if (data.length > maxRequestBytes) {
            throw new RequestRefused(
                    RequestError.FRAME_TOO_LARGE,
                    "request data is " + data.length + " bytes, the limit is " + maxRequestBytes);
        }
        try {
            return mapper.readTree(data);
        } catch (JacksonException e) {
            throw new RequestRefused(RequestError.MALFORMED, "data is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Why a ping is refused, or null when it is valid. */
    static RejectionReason check(JsonNode ping, long latestAllowedMillis, long oldestAllowedMillis) {
        for (String field : REQUIRED) {
            JsonNode value = ping.get(field);
            if (value == null || value.isNull()) {
                return RejectionReason.FIELD_MISSING;
            }
        }
        for (String field : NUMERIC) {
            JsonNode value = ping.get(field);
            if (value != null && !value.isNull() && !isFiniteNumber(value)) {
                return RejectionReason.NOT_A_NUMBER;
            }
        }
        if (usableSeq(ping.get("seq")) == null) {
            return RejectionReason.SEQ_INVALID;
        }
        double lat = doubleOf(ping.get("lat"));
        if (lat < -90 || lat > 90) {
            return RejectionReason.LAT_OUT_OF_RANGE;
        }
        double lon = doubleOf(ping.get("lon"));
        if (lon < -180 || lon > 180) {
            return RejectionReason.LON_OUT_OF_RANGE;
        }
        double ts = doubleOf(ping.get("ts"));
        if (ts > latestAllowedMillis) {
            return RejectionReason.TS_IN_FUTURE;
        }
        if (ts < oldestAllowedMillis) {
            return RejectionReason.TS_TOO_OLD;
        }
        Double accuracy = optional(ping, "accuracy");
        if (accuracy != null && accuracy < 0) {
            return RejectionReason.ACCURACY_INVALID;
        }
        Double speed = optional(ping, "speed");
        Double heading = optional(ping, "heading");
        Double battery = optional(ping, "battery");
        if ((speed != null && speed < 0)
                || (heading != null && (heading < 0 || heading > 360))
                || (battery != null && (battery < 0 || battery > 1))) {
            return RejectionReason.FIELD_INVALID;
        }
        JsonNode mock = ping.get("mock");
        if (mock != null && !mock.isNull() && !mock.isBoolean()) {
            return RejectionReason.FIELD_INVALID;
        }
        return null;
    }

    private static boolean isFiniteNumber(JsonNode value) {
        return value.isNumber() && Double.isFinite(doubleOf(value));
    }

    /** The seq when it is an integer of at least 1, else null. */
    static Long usableSeq(JsonNode seq) {
        if (seq == null || !isFiniteNumber(seq)) {
            return null;
        }
        if (seq.isIntegralNumber()) {
            return seq.canConvertToLong() && seq.longValue() >= 1 ? seq.longValue() : null;
        }
        double value = doubleOf(seq);
        return value >= 1 && value <= Long.MAX_VALUE && value == Math.rint(value) ? (long) value : null;
    }

    private static Double optional(JsonNode ping, String field) {
        JsonNode value = ping.get(field);
        return value == null || value.isNull() ? null : doubleOf(value);
    }

    private static Ping toPing(JsonNode node) {
        JsonNode mock = node.get("mock");
        return new Ping(
                usableSeq(node.get("seq")),
                (long) doubleOf(node.get("ts")),
                doubleOf(node.get("lat")),
                doubleOf(node.get("lon")),
                optional(node, "accuracy"),
                optional(node, "speed"),
                optional(node, "heading"),
                optional(node, "altitude"),
                optional(node, "battery"),
                mock != null && mock.isBoolean() ? mock.booleanValue() : null);
    }

    /** As the reader: a number beyond a double's range is infinite rather than an exception. */
    private static double doubleOf(JsonNode node) {
        if (node.isBigInteger()) {
            return node.bigIntegerValue().doubleValue();
        }
        if (node.isBigDecimal()) {
            return node.decimalValue().doubleValue();
        }
        return node.doubleValue();
    }
}
