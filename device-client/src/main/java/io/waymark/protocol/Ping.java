package io.waymark.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One GPS fix taken by a device. {@code seq}, {@code ts}, {@code lat} and {@code lon} are required; the rest may
 * be null.
 *
 * @param seq the device's own strictly increasing counter, at least 1
 * @param ts when the fix was taken, epoch milliseconds
 * @param accuracy horizontal accuracy radius in metres
 * @param speed metres per second
 * @param heading degrees clockwise from north, 0..360
 * @param altitude metres above the WGS84 ellipsoid
 * @param battery charge 0..1
 * @param mock whether the OS reported a mock or spoofed location
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Ping(
        long seq,
        long ts,
        double lat,
        double lon,
        Double accuracy,
        Double speed,
        Double heading,
        Double altitude,
        Double battery,
        Boolean mock) {

    /** A fix with only the required fields. */
    public static Ping of(long seq, long ts, double lat, double lon) {
        return new Ping(seq, ts, lat, lon, null, null, null, null, null, null);
    }
}
