package io.waymark.device;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Keeps {@code Ack.isError()} (where it exists) from being written as {@code "error":false}. Reading goes through
 * {@link Wire#readAck}, since ignoring that accessor would also drop the {@code error} text on reading.
 */
abstract class AckMixIn {

    @JsonProperty("error")
    abstract String error();

    @JsonIgnore
    abstract boolean isError();
}
