package io.waymark.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer to one batch of pings, sent only once every accepted ping is durable.
 *
 * @param upToSeq the highest seq in the batch, rejected ones included; null when the batch had none
 * @param accepted pings stored now
 * @param duplicates pings that were stored before (or twice in this batch) and are stored once
 * @param dropped valid pings deliberately not kept because of the team's privacy policy
 * @param rejected pings that failed validation
 * @param error {@code "CODE: detail"} when the whole request was refused, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Ack(Long upToSeq, int accepted, int duplicates, int dropped, List<Rejection> rejected, String error) {

    public Ack {
        rejected = rejected == null ? List.of() : List.copyOf(rejected);
    }

    /** The answer on the {@code pings} channel to a request that was refused whole. */
    public static Ack refused(RequestError code, String detail) {
        return new Ack(null, 0, 0, 0, List.of(), code.name() + ": " + detail);
    }
}
