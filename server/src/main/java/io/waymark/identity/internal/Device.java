package io.waymark.identity.internal;

import io.r2dbc.spi.Readable;
import io.waymark.identity.DeviceId;
import io.waymark.identity.RepId;
import java.time.Instant;
import java.util.Objects;

/** A rep's device; {@code label} and {@code revokedAt} may be null. Its token is not here: only its hash is kept. */
public record Device(DeviceId id, RepId repId, String label, Instant createdAt, Instant revokedAt) {

    static final String COLUMNS = "id, rep_id, label, created_at, revoked_at";

    public Device {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(repId, "repId");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    static Device from(Readable row) {
        return new Device(
                new DeviceId(Rows.uuid(row, "id")),
                new RepId(Rows.uuid(row, "rep_id")),
                Rows.text(row, "label"),
                Rows.instant(row, "created_at"),
                Rows.instant(row, "revoked_at"));
    }
}
