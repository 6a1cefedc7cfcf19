package io.waymark.device;

import java.time.Instant;

/**
 * A GPS fix to record; the device assigns its seq. Null optional fields are left out of the ping.
 *
 * @param takenAt when the fix was taken; null means now, by the device's clock
 */
public record Fix(
        double lat,
        double lon,
        Double accuracyMeters,
        Double speedMetersPerSecond,
        Double headingDegrees,
        Double altitudeMeters,
        Double batteryFraction,
        Boolean mock,
        Instant takenAt) {

    public Fix {
        if (!(lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("lat must be within -90..90: " + lat);
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("lon must be within -180..180: " + lon);
        }
        requireRange("accuracyMeters", accuracyMeters, 0, Double.MAX_VALUE);
        requireRange("speedMetersPerSecond", speedMetersPerSecond, 0, Double.MAX_VALUE);
        requireRange("headingDegrees", headingDegrees, 0, 360);
        requireRange("altitudeMeters", altitudeMeters, -Double.MAX_VALUE, Double.MAX_VALUE);
        requireRange("batteryFraction", batteryFraction, 0, 1);
    }

    private static void requireRange(String name, Double value, double min, double max) {
        if (value != null && !(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be within " + min + ".." + max + ": " + value);
        }
    }

    /** A fix at a place, taken now. */
    public static Fix at(double lat, double lon) {
        return new Fix(lat, lon, null, null, null, null, null, null, null);
    }

    public Fix withAccuracyMeters(double value) {
        return new Fix(
                lat, lon, value, speedMetersPerSecond, headingDegrees, altitudeMeters, batteryFraction, mock, takenAt);
    }

    public Fix withSpeedMetersPerSecond(double value) {
        return new Fix(lat, lon, accuracyMeters, value, headingDegrees, altitudeMeters, batteryFraction, mock, takenAt);
    }

    public Fix withHeadingDegrees(double value) {
        return new Fix(
                lat, lon, accuracyMeters, speedMetersPerSecond, value, altitudeMeters, batteryFraction, mock, takenAt);
    }

    public Fix withAltitudeMeters(double value) {
        return new Fix(
                lat, lon, accuracyMeters, speedMetersPerSecond, headingDegrees, value, batteryFraction, mock, takenAt);
    }

    public Fix withBatteryFraction(double value) {
        return new Fix(
                lat, lon, accuracyMeters, speedMetersPerSecond, headingDegrees, altitudeMeters, value, mock, takenAt);
    }

    public Fix withMock(boolean value) {
        return new Fix(
                lat,
                lon,
                accuracyMeters,
                speedMetersPerSecond,
                headingDegrees,
                altitudeMeters,
                batteryFraction,
                value,
                takenAt);
    }

    public Fix withTakenAt(Instant value) {
        return new Fix(
                lat,
                lon,
                accuracyMeters,
                speedMetersPerSecond,
                headingDegrees,
                altitudeMeters,
                batteryFraction,
                mock,
                value);
    }
}
