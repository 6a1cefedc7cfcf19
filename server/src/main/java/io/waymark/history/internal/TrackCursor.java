package io.waymark.history.internal;

import io.waymark.identity.DeviceId;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The last point of a page: the next page holds the points after it in (ts, seq, device) order. Clients see it as an
 * opaque token ({@link #token()}).
 */
public record TrackCursor(Instant ts, long seq, DeviceId deviceId) {

    private static final String VERSION = "1";

    public TrackCursor {
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(deviceId, "deviceId");
    }

    /** The opaque token: URL-safe base64 without padding. */
    public String token() {
        String text = VERSION + "|" + ts + "|" + seq + "|" + deviceId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor of a token; empty when the token was not made by {@link #token()}. */
    public static Optional<TrackCursor> of(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = text.split("\\|", -1);
            if (parts.length != 4 || !VERSION.equals(parts[0])) {
                return Optional.empty();
            }
            return Optional.of(
                    new TrackCursor(Instant.parse(parts[1]), Long.parseLong(parts[2]), DeviceId.of(parts[3])));
        } catch (IllegalArgumentException | DateTimeException e) {
            return Optional.empty();
        }
    }
}
