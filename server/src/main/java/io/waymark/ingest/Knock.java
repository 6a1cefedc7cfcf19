package io.waymark.ingest;

import io.waymark.identity.RepId;
import java.time.Instant;
import java.util.Objects;

/**
 * A door knock with a place: who knocked, when, and where.
 *
 * @param lat WGS84 latitude, within -90..90
 * @param lon WGS84 longitude, within -180..180
 */
public record Knock(RepId rep, Instant at, double lat, double lon) {

    public Knock {
        Objects.requireNonNull(rep, "rep");
        Objects.requireNonNull(at, "at");
        if (!(lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("latitude " + lat + " is not within -90..90");
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("longitude " + lon + " is not within -180..180");
        }
    }
}
