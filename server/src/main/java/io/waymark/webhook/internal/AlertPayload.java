package io.waymark.webhook.internal;

import io.waymark.alert.Alert;
import io.waymark.alert.AlertChanged;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON body of a webhook request: {@code {"type":"alert","change":…,"seq":…,"alert":Alert}} where Alert has the
 * contract's fields (§5), times in epoch milliseconds, and every field present, null when it has no value.
 */
final class AlertPayload {

    private AlertPayload() {}

    static String of(AlertChanged changed, JsonMapper json) {
        Alert alert = changed.alert();
        ObjectNode body = json.createObjectNode();
        body.put("type", "alert");
        body.put("change", changed.change().name());
        body.put("seq", alert.seq());
        ObjectNode fields = body.putObject("alert");
        fields.put("id", alert.id().toString());
        fields.put("seq", alert.seq());
        fields.put("kind", alert.kind().name());
        fields.put("severity", alert.severity().name());
        fields.put("state", alert.state().name());
        fields.put("level", alert.level());
        text(fields, "reason", alert.reason());
        fields.put("repId", alert.repId().toString());
        fields.put("teamId", alert.teamId().toString());
        millis(fields, "raisedAt", alert.raisedAt());
        millis(fields, "updatedAt", alert.updatedAt());
        fields.put("message", alert.message());
        number(fields, "lat", alert.lat());
        number(fields, "lon", alert.lon());
        text(fields, "ackedBy", alert.ackedBy());
        text(fields, "assignee", alert.assignee());
        text(fields, "resolvedBy", alert.resolvedBy());
        return json.writeValueAsString(body);
    }

    private static void text(ObjectNode node, String field, String value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private static void number(ObjectNode node, String field, Double value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value.doubleValue());
        }
    }

    private static void millis(ObjectNode node, String field, Instant value) {
        node.put(field, value.toEpochMilli());
    }
}
