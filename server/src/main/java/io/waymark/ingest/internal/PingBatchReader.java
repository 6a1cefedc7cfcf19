package io.waymark.ingest.internal;

import io.waymark.protocol.Ping;
import io.waymark.protocol.PingBatch;
import io.waymark.protocol.Rejection;
import io.waymark.protocol.RejectionReason;
import io.waymark.protocol.RequestError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.JsonNodeException;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The read and validate stages: turns a request's data into the valid pings of the batch and the rejected ones,
 * or refuses the whole request ({@code MALFORMED}, {@code BATCH_TOO_LARGE}, {@code FRAME_TOO_LARGE}). Checks each
 * ping in the contract's order; the first reason that applies wins.
 *
 * <p>The data is read as a stream of tokens from the mapper's own parser (JSON or CBOR), straight into the values
 * each ping needs, without a tree. It answers exactly as reading the request with {@code mapper.readTree} and
 * checking the nodes did (the differential tests compare it with that reader, kept as {@code TreePingBatchReader};
 * the mappers are those of {@link IngestJson}, with Jackson's defaults for trees), which means:
 *
 * <ul>
 *   <li>the whole data is read before its shape is judged, so that invalid data anywhere, trailing content after
 *       the root value included, is {@code MALFORMED} whatever came before it; then the root, {@code "pings"}, the
 *       batch size and the elements are judged in that order;
 *   <li>every value is read as the tree reads it (strings decoded, numbers converted to the same type), even the
 *       values skipped, so that the parser's limits (number length, nesting depth) apply alike;
 *   <li>a name that comes twice counts with its last value, a {@code null} included, {@code "pings"} too;
 *   <li>the rare numbers a tree keeps as {@code BigInteger} or {@code BigDecimal} (and embedded nodes) are kept as
 *       the very nodes the tree made and asked the same questions in the same order; one beyond a double's range
 *       in a numeric field is {@code NOT_A_NUMBER} (the tree reader let {@code doubleValue()} throw there, which a
 *       device saw as a failure to resend forever).
 * </ul>
 */
public final class PingBatchReader {

    // The fields a ping's checks look at; SEQ..BATTERY are the numeric ones, in the order they are checked.
    private static final int SEQ = 0;
    private static final int TS = 1;
    private static final int LAT = 2;
    private static final int LON = 3;
    private static final int ACCURACY = 4;
    private static final int SPEED = 5;
    private static final int HEADING = 6;
    private static final int ALTITUDE = 7;
    private static final int BATTERY = 8;
    private static final int MOCK = 9;
    private static final int FIELDS = 10;

    // What a field of the ping at hand holds.
    private static final byte ABSENT = 0;
    private static final byte NULL = 1;
    /** An int or a long: its value in {@code numbers} (as a double), and in {@code seq} for the seq. */
    private static final byte INTEGER = 2;
    /** A float or a double: its value (as a double) in {@code numbers}. */
    private static final byte FLOATING = 3;

    private static final byte BOOLEAN = 4;
    /** A string, an object, an array or binary data: neither a number, nor a boolean, nor null. */
    private static final byte OTHER = 5;
    /** A big integer, a big decimal or an embedded node: the tree's node, in {@code nodes}. */
    private static final byte NODE = 6;

    private final long maxRequestBytes;
    private final Duration maxClockSkew;
    private final Duration retention;

    public PingBatchReader(long maxRequestBytes, Duration maxClockSkew, Duration retention) {
        this.maxRequestBytes = maxRequestBytes;
        this.maxClockSkew = maxClockSkew;
        this.retention = retention;
    }

    /** The outcome of reading a batch: valid pings with their positions in the batch, and the rejected ones. */
    public record ReadBatch(List<Ping> valid, int[] validIndexes, List<Rejection> rejected, Long upToSeq) {

        public int size() {
            return valid.size() + rejected.size();
        }
    }

    public ReadBatch read(byte[] data, ObjectMapper mapper, Instant now) {
        if (data.length > maxRequestBytes) {
            throw new RequestRefused(
                    RequestError.FRAME_TOO_LARGE,
                    "request data is " + data.length + " bytes, the limit is " + maxRequestBytes);
        }
        long nowMillis = now.toEpochMilli();
        Reading reading = new Reading(
                nowMillis + maxClockSkew.toMillis(),
                nowMillis - retention.toMillis(),
                mapper.deserializationConfig().getNodeFactory());
        try (JsonParser parser = mapper.createParser(data)) {
            reading.request(parser);
        } catch (JacksonException e) {
            throw new RequestRefused(RequestError.MALFORMED, "data is not valid JSON: " + e.getOriginalMessage());
        }
        return reading.batch();
    }

    /** One request being read: what is known of its shape, the batch so far, and the fields of the ping at hand. */
    private static final class Reading {

        private final long latestAllowedMillis;
        private final long oldestAllowedMillis;
        private final JsonNodeFactory nodeFactory;

        private boolean rootIsObject;
        /** Whether the (last) {@code "pings"} field is an array; the fields below are about its elements. */
        private boolean pingsIsArray;

        private int count;
        private boolean nonObject;
        private List<Ping> valid;
        private List<Rejection> rejected;
        /** The highest usable seq so far, 0 for none (a usable seq is at least 1). */
        private long upToSeq;
        /** What a ping's checks threw (a number out of a double's range), thrown when the shape is found right. */
        private JsonNodeException failure;

        private final byte[] kinds = new byte[FIELDS];
        private final double[] numbers = new double[FIELDS];
        private long seq;
        private boolean mock;
        private JsonNode[] nodes;

        Reading(long latestAllowedMillis, long oldestAllowedMillis, JsonNodeFactory nodeFactory) {
            this.latestAllowedMillis = latestAllowedMillis;
            this.oldestAllowedMillis = oldestAllowedMillis;
            this.nodeFactory = nodeFactory;
        }

        // ------------------------------------------------------------------------------------ reading the tokens

        /** Reads the whole data: the root value, then nothing but its end (no trailing token). */
        void request(JsonParser parser) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return;
            }
            if (first == JsonToken.START_OBJECT) {
                rootIsObject = true;
                root(parser);
            } else {
                skip(parser, first);
            }
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw malformed("Trailing token (`JsonToken." + trailing.name() + "`) found after value (bound as `"
                        + JsonNode.class.getName() + "`): not allowed as per"
                        + " `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`");
            }
        }

        private void root(JsonParser parser) {
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken token = value(parser);
                if (name.equals("pings")) {
                    startPings(token == JsonToken.START_ARRAY);
                    if (pingsIsArray) {
                        pings(parser);
                        continue;
                    }
                }
                skip(parser, token);
            }
        }

        private void startPings(boolean isArray) {
            pingsIsArray = isArray;
            count = 0;
            nonObject = false;
            valid = isArray ? new ArrayList<>() : null;
            rejected = isArray ? new ArrayList<>(0) : null;
            upToSeq = 0;
            failure = null;
        }

        private void pings(JsonParser parser) {
            for (JsonToken token = value(parser); token != JsonToken.END_ARRAY; token = value(parser)) {
                int index = count++;
                if (token == JsonToken.START_OBJECT) {
                    fields(parser);
                    if (index < PingBatch.MAX_PINGS && !nonObject && failure == null) {
                        check(index);
                    }
                } else {
                    skip(parser, token);
                    nonObject = true;
                }
            }
        }

        /** Reads the fields of one ping; a field that comes twice keeps its last value. */
        private void fields(JsonParser parser) {
            Arrays.fill(kinds, ABSENT);
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken token = value(parser);
                int field = field(name);
                if (field < 0) {
                    skip(parser, token);
                } else {
                    read(parser, token, field);
                }
            }
        }

        private static int field(String name) {
            return switch (name) {
                case "seq" -> SEQ;
                case "ts" -> TS;
                case "lat" -> LAT;
                case "lon" -> LON;
                case "accuracy" -> ACCURACY;
                case "speed" -> SPEED;
                case "heading" -> HEADING;
                case "altitude" -> ALTITUDE;
                case "battery" -> BATTERY;
                case "mock" -> MOCK;
                default -> -1;
            };
        }

        /** Keeps a field's value as the tree would have made its node: the kind, and the number where it is one. */
        private void read(JsonParser parser, JsonToken token, int field) {
            switch (token) {
                case VALUE_NULL -> kinds[field] = NULL;
                case VALUE_TRUE, VALUE_FALSE -> {
                    kinds[field] = BOOLEAN;
                    if (field == MOCK) {
                        mock = token == JsonToken.VALUE_TRUE;
                    }
                }
                case VALUE_NUMBER_INT -> {
                    switch (parser.getNumberType()) {
                        case INT -> integer(field, parser.getIntValue());
                        case LONG -> integer(field, parser.getLongValue());
                        default -> node(field, nodeFactory.numberNode(parser.getBigIntegerValue()));
                    }
                }
                case VALUE_NUMBER_FLOAT -> {
                    switch (parser.getNumberTypeFP()) {
                        case BIG_DECIMAL -> node(field, nodeFactory.numberNode(parser.getDecimalValue()));
                        case FLOAT32 -> floating(field, parser.getFloatValue());
                        default -> floating(field, parser.getDoubleValue());
                    }
                }
                case VALUE_EMBEDDED_OBJECT -> {
                    Object embedded = parser.getEmbeddedObject();
                    if (embedded == null) {
                        kinds[field] = NULL;
                    } else if (embedded instanceof JsonNode node) {
                        node(field, node);
                    } else {
                        kinds[field] = OTHER;
                    }
                }
                default -> {
                    skip(parser, token);
                    kinds[field] = OTHER;
                }
            }
        }

        private void integer(int field, long value) {
            kinds[field] = INTEGER;
            numbers[field] = value;
            if (field == SEQ) {
                seq = value;
            }
        }

        private void floating(int field, double value) {
            kinds[field] = FLOATING;
            numbers[field] = value;
        }

        private void node(int field, JsonNode node) {
            if (nodes == null) {
                nodes = new JsonNode[FIELDS];
            }
            kinds[field] = NODE;
            nodes[field] = node;
        }

        /** The token of the next value (or the end of the array at hand); the end of the data is malformed. */
        private static JsonToken value(JsonParser parser) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw malformed("Unexpected end-of-input");
            }
            return token;
        }

        /** Skips the value at {@code token}, reading its scalars as the tree does, so that the same limits apply. */
        private static void skip(JsonParser parser, JsonToken token) {
            if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
                scalar(parser, token);
                return;
            }
            int depth = 1;
            while (depth > 0) {
                JsonToken next;
                if (parser.streamReadContext().inObject()) {
                    if (parser.nextName() == null) {
                        depth--;
                        continue;
                    }
                    next = value(parser);
                } else {
                    next = value(parser);
                    if (next == JsonToken.END_ARRAY) {
                        depth--;
                        continue;
                    }
                }
                if (next == JsonToken.START_OBJECT || next == JsonToken.START_ARRAY) {
                    depth++;
                } else {
                    scalar(parser, next);
                }
            }
        }

        /** Reads a scalar the tree's way, for nothing but the parser's checks. */
        private static void scalar(JsonParser parser, JsonToken token) {
            switch (token) {
                case VALUE_STRING -> parser.getString();
                case VALUE_NUMBER_INT -> {
                    switch (parser.getNumberType()) {
                        case INT -> parser.getIntValue();
                        case LONG -> parser.getLongValue();
                        default -> parser.getBigIntegerValue();
                    }
                }
                case VALUE_NUMBER_FLOAT -> {
                    switch (parser.getNumberTypeFP()) {
                        case BIG_DECIMAL -> parser.getDecimalValue();
                        case FLOAT32 -> parser.getFloatValue();
                        default -> parser.getDoubleValue();
                    }
                }
                case VALUE_EMBEDDED_OBJECT -> parser.getEmbeddedObject();
                case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> {
                    // nothing to read
                }
                default -> throw malformed("Unexpected token (" + token + ")");
            }
        }

        private static RequestRefused malformed(String detail) {
            return new RequestRefused(RequestError.MALFORMED, "data is not valid JSON: " + detail);
        }

        // ------------------------------------------------------------------------------------ checking a ping

        /** Checks the ping at hand, the tree reader's questions in its order; keeps it as valid or rejected. */
        private void check(int index) {
            try {
                long usableSeq = usableSeq();
                if (usableSeq > upToSeq) {
                    upToSeq = usableSeq;
                }
                RejectionReason reason = reason();
                if (reason != null) {
                    rejected.add(new Rejection(index, usableSeq == 0 ? null : usableSeq, reason.name()));
                } else {
                    valid.add(ping());
                }
            } catch (JsonNodeException e) {
                failure = e;
            }
        }

        /** Why the ping at hand is refused, or null when it is valid. */
        private RejectionReason reason() {
            for (int field = SEQ; field <= LON; field++) {
                if (missing(field)) {
                    return RejectionReason.FIELD_MISSING;
                }
            }
            for (int field = SEQ; field <= BATTERY; field++) {
                if (!missing(field) && !finiteNumber(field)) {
                    return RejectionReason.NOT_A_NUMBER;
                }
            }
            if (usableSeq() == 0) {
                return RejectionReason.SEQ_INVALID;
            }
            double lat = number(LAT);
            if (lat < -90 || lat > 90) {
                return RejectionReason.LAT_OUT_OF_RANGE;
            }
            double lon = number(LON);
            if (lon < -180 || lon > 180) {
                return RejectionReason.LON_OUT_OF_RANGE;
            }
            double ts = number(TS);
            if (ts > latestAllowedMillis) {
                return RejectionReason.TS_IN_FUTURE;
            }
            if (ts < oldestAllowedMillis) {
                return RejectionReason.TS_TOO_OLD;
            }
            if (!missing(ACCURACY) && number(ACCURACY) < 0) {
                return RejectionReason.ACCURACY_INVALID;
            }
            if ((!missing(SPEED) && number(SPEED) < 0)
                    || (!missing(HEADING) && (number(HEADING) < 0 || number(HEADING) > 360))
                    || (!missing(BATTERY) && (number(BATTERY) < 0 || number(BATTERY) > 1))) {
                return RejectionReason.FIELD_INVALID;
            }
            if (!missing(MOCK) && !isBoolean(MOCK)) {
                return RejectionReason.FIELD_INVALID;
            }
            return null;
        }

        private Ping ping() {
            return new Ping(
                    usableSeq(),
                    (long) number(TS),
                    number(LAT),
                    number(LON),
                    optional(ACCURACY),
                    optional(SPEED),
                    optional(HEADING),
                    optional(ALTITUDE),
                    optional(BATTERY),
                    isBoolean(MOCK) ? (Boolean) booleanValue(MOCK) : null);
        }

        /** Absent or null. */
        private boolean missing(int field) {
            byte kind = kinds[field];
            return kind == ABSENT || kind == NULL || (kind == NODE && nodes[field].isNull());
        }

        private boolean finiteNumber(int field) {
            return switch (kinds[field]) {
                case INTEGER -> true;
                case FLOATING -> Double.isFinite(numbers[field]);
                case NODE -> nodes[field].isNumber() && Double.isFinite(doubleOf(nodes[field]));
                default -> false;
            };
        }

        /** A number's value as a double; asked only of numbers. */
        private double number(int field) {
            return kinds[field] == NODE ? doubleOf(nodes[field]) : numbers[field];
        }

        private Double optional(int field) {
            return missing(field) ? null : number(field);
        }

        private boolean isBoolean(int field) {
            return kinds[field] == BOOLEAN || (kinds[field] == NODE && nodes[field].isBoolean());
        }

        private boolean booleanValue(int field) {
            return kinds[field] == BOOLEAN ? mock : nodes[field].booleanValue();
        }

        /** The seq when it is an integer of at least 1, else 0. */
        private long usableSeq() {
            switch (kinds[SEQ]) {
                case INTEGER:
                    return seq >= 1 ? seq : 0;
                case FLOATING:
                    return wholeAtLeastOne(numbers[SEQ]);
                case NODE:
                    JsonNode node = nodes[SEQ];
                    if (!node.isNumber() || !Double.isFinite(doubleOf(node))) {
                        return 0;
                    }
                    if (node.isIntegralNumber()) {
                        return node.canConvertToLong() && node.longValue() >= 1 ? node.longValue() : 0;
                    }
                    return wholeAtLeastOne(doubleOf(node));
                default:
                    return 0;
            }
        }

        /**
         * A number node's value as a double: one beyond a double's range is infinite (so {@code NOT_A_NUMBER}), where
         * the node's own {@code doubleValue()} would throw.
         */
        private static double doubleOf(JsonNode node) {
            if (node.isBigInteger()) {
                return node.bigIntegerValue().doubleValue();
            }
            if (node.isBigDecimal()) {
                return node.decimalValue().doubleValue();
            }
            return node.doubleValue();
        }

        private static long wholeAtLeastOne(double value) {
            return Double.isFinite(value) && value >= 1 && value <= Long.MAX_VALUE && value == Math.rint(value)
                    ? (long) value
                    : 0;
        }

        // ------------------------------------------------------------------------------------ the outcome

        /** The batch, or the request refused: the root, then "pings", the batch size, the elements, in that order. */
        ReadBatch batch() {
            if (!rootIsObject) {
                throw new RequestRefused(RequestError.MALFORMED, "expected an object {\"pings\":[...]}");
            }
            if (!pingsIsArray) {
                throw new RequestRefused(RequestError.MALFORMED, "expected an array field \"pings\"");
            }
            if (count > PingBatch.MAX_PINGS) {
                throw new RequestRefused(
                        RequestError.BATCH_TOO_LARGE,
                        count + " pings in one batch, the limit is " + PingBatch.MAX_PINGS);
            }
            if (nonObject) {
                throw new RequestRefused(RequestError.MALFORMED, "every element of \"pings\" must be an object");
            }
            if (failure != null) {
                throw failure;
            }
            // the valid pings' indexes are those not rejected; the array has one slot per ping, as before
            int[] validIndexes = new int[count];
            int next = 0;
            int nextRejected = 0;
            for (int index = 0; index < count; index++) {
                if (nextRejected < rejected.size() && rejected.get(nextRejected).index() == index) {
                    nextRejected++;
                } else {
                    validIndexes[next++] = index;
                }
            }
            return new ReadBatch(valid, validIndexes, rejected, upToSeq == 0 ? null : upToSeq);
        }
    }
}
