package io.waymark.protocol;

/** RSocket routes of the device protocol (contract §4). */
public final class Routes {

    public static final String HELLO = "device.hello";
    public static final String PINGS = "pings";
    public static final String PINGS_BATCH = "pings.batch";
    public static final String ACTIVITIES = "activities";
    public static final String DEVICE_CHECK = "device.check";

    private Routes() {}
}
