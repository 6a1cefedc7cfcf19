package io.waymark.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class AckReplyTests {

    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    @Test
    void absentCountsAreZero() {
        AckReply ack = json.readValue("{\"upToSeq\":1042,\"accepted\":98}", AckReply.class);

        assertThat(ack.upToSeq()).isEqualTo(1042L);
        assertThat(ack.accepted()).isEqualTo(98);
        assertThat(ack.duplicates()).isZero();
        assertThat(ack.dropped()).isZero();
        assertThat(ack.rejected()).isEmpty();
        assertThat(ack.failed()).isFalse();
    }

    @Test
    void onlyAnErrorStringMakesAnErrorAck() {
        AckReply refused = json.readValue("{\"error\":\"MALFORMED: not JSON\",\"accepted\":0}", AckReply.class);
        AckReply withFalse = json.readValue("{\"upToSeq\":3,\"accepted\":1,\"error\":false}", AckReply.class);
        AckReply rejectedOne = json.readValue(
                "{\"upToSeq\":3,\"accepted\":1,\"rejected\":[{\"index\":0,\"seq\":2,\"reason\":\"LAT_OUT_OF_RANGE\"}]}",
                AckReply.class);

        assertThat(refused.failed()).isTrue();
        assertThat(withFalse.failed()).isFalse();
        assertThat(rejectedOne.rejected()).hasSize(1);
    }
}
