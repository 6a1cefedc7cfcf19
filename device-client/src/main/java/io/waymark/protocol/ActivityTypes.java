package io.waymark.protocol;

import java.util.List;

/** The activity types and door-knock outcomes of the device protocol, in the contract's order. */
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

    /** The outcomes of a {@code DOOR_KNOCK}. */
    public static final List<String> OUTCOMES =
            List.of("NO_ANSWER", "NOT_INTERESTED", "CALLBACK", "LEAD", "APPOINTMENT", "SALE");

    private ActivityTypes() {}

    public static boolean isKnown(String type) {
        return ALL.contains(type);
    }
}
