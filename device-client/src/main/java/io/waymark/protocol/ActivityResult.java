package io.waymark.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What became of one activity.
 *
 * @param status {@code STORED}, {@code DUPLICATE} or {@code REJECTED}
 * @param reason why it was rejected, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActivityResult(String id, String status, String reason) {

    public static final String STORED = "STORED";
    public static final String DUPLICATE = "DUPLICATE";
    public static final String REJECTED = "REJECTED";

    public static ActivityResult stored(String id) {
        return new ActivityResult(id, STORED, null);
    }

    public static ActivityResult duplicate(String id) {
        return new ActivityResult(id, DUPLICATE, null);
    }

    public static ActivityResult rejected(String id, String reason) {
        return new ActivityResult(id, REJECTED, reason);
    }
}
