package io.waymark.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlertMessageTests {

    /** An alert message as the server writes it (LiveBoard.alertFrame of AlertJson's fields, in their order). */
    private static final String RAISED =
            "{\"type\":\"alert\",\"alert\":{\"id\":\"5b7e6c1a-2f3d-4e5f-8a9b-0c1d2e3f4a5b\","
                    + "\"seq\":42,\"kind\":\"SOS\",\"severity\":\"CRITICAL\",\"state\":\"OPEN\",\"level\":1,\"reason\":null,"
                    + "\"repId\":\"1f0c5d2e-7a1b-4c3d-9e8f-0a1b2c3d4e5f\",\"teamId\":\"663af9a3-944c-4f41-ad3b-dde8db2ef609\","
                    + "\"raisedAt\":1795338902120,\"updatedAt\":1795338902120,\"message\":\"SOS\",\"lat\":40.7128,"
                    + "\"lon\":-74.006,\"ackedBy\":null,\"assignee\":null,\"resolvedBy\":null,\"subject\":\"\",\"note\":null,"
                    + "\"escalatesAt\":1795339022120}}";

    @Test
    void readsWhatTheBenchmarkNeedsOfAnAlertMessage() {
        AlertMessage alert = AlertMessage.parse(RAISED);

        assertThat(alert)
                .isEqualTo(new AlertMessage(
                        "5b7e6c1a-2f3d-4e5f-8a9b-0c1d2e3f4a5b",
                        42,
                        "SOS",
                        "OPEN",
                        1,
                        "1f0c5d2e-7a1b-4c3d-9e8f-0a1b2c3d4e5f"));
        assertThat(alert.raised()).isTrue();
    }

    @Test
    void anEscalationOrAResolutionIsNotTheRaise() {
        assertThat(AlertMessage.parse(RAISED.replace("\"level\":1", "\"level\":2"))
                        .raised())
                .isFalse();
        assertThat(AlertMessage.parse(RAISED.replace("\"state\":\"OPEN\"", "\"state\":\"RESOLVED\""))
                        .raised())
                .isFalse();
    }

    @Test
    void keysInsideStringValuesAndBlanksAfterColonsDoNotConfuseIt() {
        AlertMessage alert = AlertMessage.parse("{\"type\": \"alert\", \"alert\": {\"message\":\"SOS: \\\"kind\\\":"
                + "\\\"IDLE\\\"\", \"kind\": \"SOS\", \"level\": 3, \"state\": \"OPEN\", \"repId\": \"r-1\","
                + " \"id\": \"a-1\", \"seq\": 7}}");

        assertThat(alert).isEqualTo(new AlertMessage("a-1", 7, "SOS", "OPEN", 3, "r-1"));
    }

    @Test
    void otherMessagesAreNotAlerts() {
        assertThat(AlertMessage.parse("{\"type\":\"rep\",\"rep\":{\"repId\":\"r\",\"ts\":1}}"))
                .isNull();
        assertThat(AlertMessage.parse("{\"type\":\"snapshot\",\"reps\":[],\"alerts\":[{\"id\":\"a\",\"kind\":\"SOS\"}],"
                        + "\"alertSeq\":3}"))
                .isNull();
        assertThat(AlertMessage.parse("{\"type\":\"alert\",\"alert\":null}")).isNull();
        assertThat(AlertMessage.parse("not json")).isNull();
        assertThat(AlertMessage.parse("")).isNull();
    }

    @Test
    void missingFieldsAreNullOrZero() {
        assertThat(AlertMessage.parse("{\"type\":\"alert\",\"alert\":{\"kind\":\"SOS\"}}"))
                .isEqualTo(new AlertMessage(null, RepMessage.NO_TS, "SOS", null, 0, null));
    }
}
