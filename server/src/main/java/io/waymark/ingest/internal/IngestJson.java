package io.waymark.ingest.internal;

import io.waymark.protocol.RequestError;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

/** The mappers of the device protocol: lenient about NaN and infinities, so that they can be refused per ping. */
public final class IngestJson {

    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public static final ObjectMapper CBOR = CBORMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private IngestJson() {}

    /**
     * A request's data as a tree, or the request refused whole: {@code FRAME_TOO_LARGE} above the size limit
     * (checked before reading), {@code MALFORMED} when it is not JSON (or CBOR).
     */
    static JsonNode readRequest(byte[] data, long maxRequestBytes, ObjectMapper mapper) {
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

    /** The mapper for a connection's data MIME type. */
    public static ObjectMapper forMimeType(String mimeType) {
        return mimeType != null && mimeType.startsWith("application/cbor") ? CBOR : JSON;
    }
}
