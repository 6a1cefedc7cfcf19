package io.waymark.ingest.internal;

import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
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

    /** The mapper for a connection's data MIME type. */
    public static ObjectMapper forMimeType(String mimeType) {
        return mimeType != null && mimeType.startsWith("application/cbor") ? CBOR : JSON;
    }
}
