package io.waymark.activity.internal;

import java.util.List;

/** The activity types of the device protocol (contract §4), in the contract's order. */
public final class ActivityTypes {

    /** Every type a device may send. */
    public static final List<String> ALL = List.of(
            "DOOR_KNOCK",
            "CALL",
            "SMS",
            "EMAIL",
            "MEETING",
            "VISIT_START",
            "VISIT_END",
            "TASK_DONE",
            "DEAL_UPDATE",
            "CLOCK_IN",
            "CLOCK_OUT",
            "BREAK_START",
            "BREAK_END",
            "NOTE",
            "SOS",
            "DEVICE_STATE");

    private ActivityTypes() {}

    public static boolean isKnown(String type) {
        return ALL.contains(type);
    }
}
