package io.waymark.territory.internal;

/** A WGS84 position in degrees. */
public record LatLon(double lat, double lon) {

    public LatLon {
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("not a position: " + lat + ", " + lon);
        }
    }
}
