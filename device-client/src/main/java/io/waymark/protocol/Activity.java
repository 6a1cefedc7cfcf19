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
        return builder(id, type, ts).build();
    }

    /** A door knock at a place with an outcome. */
    public static Activity doorKnock(String id, long ts, double lat, double lon, String outcome, String address) {
        return builder(id, "DOOR_KNOCK", ts)
                .at(lat, lon)
                .outcome(outcome)
                .address(address)
                .build();
    }

    public Activity at(double lat, double lon) {
        return toBuilder().at(lat, lon).build();
    }

    /** Starts an activity with its id, type and time; every other field is absent until set. */
    public static Builder builder(String id, String type, long ts) {
        return new Builder(id, type, ts);
    }

    /** A builder holding this activity's fields, to change some of them. */
    public Builder toBuilder() {
        Builder builder = new Builder(id, type, ts);
        builder.lat = lat;
        builder.lon = lon;
        builder.outcome = outcome;
        builder.address = address;
        builder.contactName = contactName;
        builder.followUpAt = followUpAt;
        builder.notes = notes;
        builder.amount = amount;
        builder.durationSec = durationSec;
        builder.leadId = leadId;
        builder.stage = stage;
        builder.direction = direction;
        builder.gps = gps;
        builder.permission = permission;
        builder.powerSave = powerSave;
        builder.network = network;
        builder.battery = battery;
        return builder;
    }

    /** Builds an {@link Activity} field by field; fields not set stay null. */
    public static final class Builder {
        private final String id;
        private final String type;
        private final Long ts;
        private Double lat;
        private Double lon;
        private String outcome;
        private String address;
        private String contactName;
        private Long followUpAt;
        private String notes;
        private BigDecimal amount;
        private Integer durationSec;
        private String leadId;
        private String stage;
        private String direction;
        private String gps;
        private String permission;
        private Boolean powerSave;
        private String network;
        private Double battery;

        private Builder(String id, String type, Long ts) {
            this.id = id;
            this.type = type;
            this.ts = ts;
        }

        /** Where it happened; both null for an activity with no place. */
        public Builder at(Double newLat, Double newLon) {
            lat = newLat;
            lon = newLon;
            return this;
        }

        public Builder outcome(String value) {
            outcome = value;
            return this;
        }

        public Builder address(String value) {
            address = value;
            return this;
        }

        public Builder contactName(String value) {
            contactName = value;
            return this;
        }

        public Builder followUpAt(Long epochMillis) {
            followUpAt = epochMillis;
            return this;
        }

        public Builder notes(String value) {
            notes = value;
            return this;
        }

        public Builder amount(BigDecimal value) {
            amount = value;
            return this;
        }

        public Builder durationSec(Integer seconds) {
            durationSec = seconds;
            return this;
        }

        public Builder leadId(String value) {
            leadId = value;
            return this;
        }

        public Builder stage(String value) {
            stage = value;
            return this;
        }

        public Builder direction(String value) {
            direction = value;
            return this;
        }

        /** The phone's own health, for a {@code DEVICE_STATE}. */
        public Builder deviceState(String newGps, String newPermission, Boolean newPowerSave, String newNetwork) {
            gps = newGps;
            permission = newPermission;
            powerSave = newPowerSave;
            network = newNetwork;
            return this;
        }

        public Builder battery(Double charge) {
            battery = charge;
            return this;
        }

        public Activity build() {
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
}
