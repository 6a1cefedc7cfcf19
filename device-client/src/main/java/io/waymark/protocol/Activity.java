package io.waymark.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * Something a rep did, as the device reports it. {@code id} is made by the device and identifies the activity
 * however often it is resent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Activity(
        String id,
        String type,
        Long ts,
        Double lat,
        Double lon,
        String outcome,
        String address,
        String contactName,
        Long followUpAt,
        String notes,
        BigDecimal amount,
        Integer durationSec,
        String leadId,
        String stage,
        String direction,
        String gps,
        String permission,
        Boolean powerSave,
        String network,
        Double battery) {

    /** An activity with only an id, a type and a time. */
    public static Activity of(String id, String type, long ts) {
        return new Activity(
                id, type, ts, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    /** A door knock at a place with an outcome. */
    public static Activity doorKnock(String id, long ts, double lat, double lon, String outcome, String address) {
        return new Activity(
                id,
                "DOOR_KNOCK",
                ts,
                lat,
                lon,
                outcome,
                address,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    public Activity at(double lat, double lon) {
        return new Activity(
                id,
                type,
                ts,
                lat,
                lon,
                outcome,
                address,
                contactName,
                followUpAt,
                notes,
                amount,
                durationSec,
                leadId,
                stage,
                direction,
                gps,
                permission,
                powerSave,
                network,
                battery);
    }
}
