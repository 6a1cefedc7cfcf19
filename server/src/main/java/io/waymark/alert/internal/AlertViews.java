package io.waymark.alert.internal;

import io.waymark.alert.Alert;
import java.util.Map;

/** The contract's Alert as the REST API answers it: the same fields as the WebSocket's {@code alert} message. */
public final class AlertViews {

    private AlertViews() {}

    public static Map<String, Object> of(Alert alert) {
        return AlertJson.of(alert);
    }
}
