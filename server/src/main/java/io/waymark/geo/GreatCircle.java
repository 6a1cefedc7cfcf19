package io.waymark.geo;

/** Great-circle distances on a spherical Earth of the mean radius: within 0.5 % of the ellipsoid, ample for GPS. */
public final class GreatCircle {

    /** The Earth's mean radius (IUGG). */
    public static final double EARTH_RADIUS_METERS = 6_371_008.8;

    private GreatCircle() {}

    /** The haversine distance between two positions given in degrees. */
    public static double distanceMeters(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1))
                        * Math.cos(Math.toRadians(lat2))
                        * Math.sin(dLon / 2)
                        * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
