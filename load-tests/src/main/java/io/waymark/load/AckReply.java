package io.waymark.load;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * An Ack as read off the wire (contract §4). The benchmark reads acks into this rather than the protocol's
 * {@code Ack} so that it judges what the server sends, however it was produced: absent counts are 0, and
 * {@code error} counts as an error only when it is a non-empty string.
 *
 * @param rejected the rejected pings, of which only the number matters here
 * @param error {@code "CODE: detail"} when the whole request was refused
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record AckReply(
        Long upToSeq, Integer accepted, Integer duplicates, Integer dropped, List<Object> rejected, Object error) {

    static final AckReply UNREADABLE = new AckReply(null, 0, 0, 0, List.of(), "UNREADABLE: the ack was not valid JSON");

    AckReply {
        accepted = accepted == null ? 0 : accepted;
        duplicates = duplicates == null ? 0 : duplicates;
        dropped = dropped == null ? 0 : dropped;
        rejected = rejected == null ? List.of() : rejected;
    }

    boolean failed() {
        return error instanceof String text && !text.isEmpty();
    }
}
