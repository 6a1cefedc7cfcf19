package io.waymark.ingest;

import io.waymark.identity.DeviceIdentity;
import java.time.Instant;

/** A device's connection closed (for a resumable session: the session ended). */
public record DeviceDisconnected(DeviceIdentity device, Instant at) {}
