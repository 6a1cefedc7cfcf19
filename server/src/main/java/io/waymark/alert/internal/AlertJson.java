package io.waymark.alert.internal;

import io.waymark.alert.Alert;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The contract's Alert (§5) as JSON fields, the same for the WebSocket, its replay and the REST API. */
final class AlertJson {

    private AlertJson() {}

    static Map<String, Object> of(Alert alert) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", alert.id().toString());
        view.put("seq", alert.seq());
        view.put("kind", alert.kind().name());
        view.put("severity", alert.severity().name());
        view.put("state", alert.state().name());
        view.put("level", alert.level());
        view.put("reason", alert.reason());
        view.put("repId", alert.repId().toString());
        view.put("teamId", alert.teamId().toString());
        view.put("raisedAt", millis(alert.raisedAt()));
        view.put("updatedAt", millis(alert.updatedAt()));
        view.put("message", alert.message());
        view.put("lat", alert.lat());
        view.put("lon", alert.lon());
        view.put("ackedBy", alert.ackedBy());
        view.put("assignee", alert.assignee());
        view.put("resolvedBy", alert.resolvedBy());
        view.put("subject", alert.subject());
        view.put("note", alert.note());
        view.put("escalatesAt", millis(alert.escalatesAt()));
        return view;
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
