package io.waymark.protocol;

import java.util.List;
import java.util.Objects;

/** The data of a {@code pings} or {@code pings.batch} request: at most 1,000 pings. */
public record PingBatch(List<Ping> pings) {

    public static final int MAX_PINGS = 1000;

    public PingBatch {
        pings = List.copyOf(Objects.requireNonNull(pings, "pings"));
    }
}
