package io.waymark.device;

import io.waymark.protocol.Ack;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON mapper shared by the wire codec and the buffer files. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addMixIn(Ack.class, AckMixIn.class)
            .build();

    private Json() {}
}
