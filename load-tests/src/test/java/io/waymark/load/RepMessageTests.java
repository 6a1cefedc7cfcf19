package io.waymark.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RepMessageTests {

    /** A rep message as the server writes it (LiveMessages.Rep of a LiveRep). */
    private static final String REP = "{\"type\":\"rep\",\"rep\":{\"repId\":\"1f0c5d2e-7a1b-4c3d-9e8f-0a1b2c3d4e5f\","
            + "\"name\":\"Bench Rep 7\",\"teamId\":\"663af9a3-944c-4f41-ad3b-dde8db2ef609\",\"lat\":40.7128,"
            + "\"lon\":-74.006,\"ts\":1795338902120,\"speed\":1.4,\"heading\":270.0,\"accuracy\":8.5,"
            + "\"battery\":0.81,\"status\":\"ACTIVE\",\"statusSince\":1795338900000,"
            + "\"today\":{\"doors\":0,\"contacts\":0,\"leads\":0,\"appointments\":0,\"sales\":0,\"revenue\":0}}}";

    @Test
    void readsRepIdAndTsOfARepMessage() {
        RepMessage rep = RepMessage.parse(REP);

        assertThat(rep).isEqualTo(new RepMessage("1f0c5d2e-7a1b-4c3d-9e8f-0a1b2c3d4e5f", 1795338902120L));
    }

    @Test
    void numbersTheRepStraightFromTheFramesBytesInABufferThatHoldsMore() {
        RepIndex reps = new RepIndex();
        int other = reps.of("0b1e2f3a-0000-4000-8000-000000000001");
        byte[] frame = new byte[4096];
        byte[] bytes = REP.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, frame, 0, bytes.length);
        java.util.Arrays.fill(frame, bytes.length, frame.length, (byte) '"');

        RepMessage.Numbered rep = RepMessage.parse(frame, bytes.length, reps);

        assertThat(rep.ts()).isEqualTo(1795338902120L);
        assertThat(rep.rep()).isNotEqualTo(other).isEqualTo(reps.of("1f0c5d2e-7a1b-4c3d-9e8f-0a1b2c3d4e5f"));
    }

    @Test
    void numbersNoRepForARepMessageWithoutRepIdAndNothingForOtherMessages() {
        byte[] noId = "{\"type\":\"rep\",\"rep\":{\"ts\":5}}".getBytes(StandardCharsets.UTF_8);
        byte[] alert = "{\"type\":\"alert\",\"alert\":{\"repId\":\"r\"}}".getBytes(StandardCharsets.UTF_8);

        assertThat(RepMessage.parse(noId, noId.length, new RepIndex()))
                .isEqualTo(new RepMessage.Numbered(RepMessage.Numbered.NO_REP, 5));
        assertThat(RepMessage.parse(alert, alert.length, new RepIndex())).isNull();
    }

    @Test
    void readsFromTheBuffersReaderIndexAndLeavesItAlone() {
        byte[] bytes = ("garbage{\"ts\":1}" + REP).getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        buf.readerIndex("garbage{\"ts\":1}".length());

        RepMessage rep = RepMessage.parse(buf);

        assertThat(rep.ts()).isEqualTo(1795338902120L);
        assertThat(buf.readerIndex()).isEqualTo("garbage{\"ts\":1}".length());
    }

    @Test
    void findsTsWhateverTheKeyOrderAndBlanksAfterColons() {
        RepMessage rep = RepMessage.parse(
                "{\"type\": \"rep\", \"rep\": {\"ts\": 42, \"name\":\"a\\\"ts\\\": 7\", \"repId\": \"r-1\"}}");

        assertThat(rep).isEqualTo(new RepMessage("r-1", 42));
    }

    @Test
    void aTsInsideAStringValueIsNotTheTs() {
        RepMessage rep = RepMessage.parse(
                "{\"type\":\"rep\",\"rep\":{\"repId\":\"r-2\",\"name\":\"x \\\"ts\\\":99\",\"ts\":1000}}");

        assertThat(rep.ts()).isEqualTo(1000);
    }

    @Test
    void aRepThatNeverPingedHasNoTs() {
        RepMessage rep = RepMessage.parse(
                "{\"type\":\"rep\",\"rep\":{\"repId\":\"r-3\",\"lat\":null,\"lon\":null,\"ts\":null}}");

        assertThat(rep).isEqualTo(new RepMessage("r-3", RepMessage.NO_TS));
    }

    @Test
    void otherMessagesAreNotReps() {
        assertThat(RepMessage.parse("{\"type\":\"snapshot\",\"reps\":[{\"repId\":\"r\",\"ts\":1}],\"alerts\":[],"
                        + "\"alertSeq\":0}"))
                .isNull();
        assertThat(RepMessage.parse(
                        "{\"type\":\"activity\",\"activity\":{\"type\":\"NOTE\",\"ts\":5,\"repId\":\"r\"}}"))
                .isNull();
        assertThat(RepMessage.parse("{\"type\":\"reports\",\"rep\":{\"repId\":\"r\",\"ts\":1}}"))
                .isNull();
        assertThat(RepMessage.parse("not json")).isNull();
        assertThat(RepMessage.parse("")).isNull();
    }

    @Test
    void aFractionalTsIsNotTakenForMilliseconds() {
        assertThat(RepMessage.parse("{\"type\":\"rep\",\"rep\":{\"repId\":\"r\",\"ts\":1.5e12}}")
                        .ts())
                .isEqualTo(RepMessage.NO_TS);
    }
}
