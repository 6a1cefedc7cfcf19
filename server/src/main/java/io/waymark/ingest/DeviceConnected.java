package io.waymark.ingest;

import io.waymark.identity.DeviceIdentity;
import java.time.Instant;

/** A device opened an authenticated connection. */
public record DeviceConnected(DeviceIdentity device, String transport, Instant at) {}
