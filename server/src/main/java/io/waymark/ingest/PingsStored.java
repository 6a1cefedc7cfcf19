package io.waymark.ingest;

import java.util.List;

/** Pings became durable: newly stored ones only, never duplicates or dropped ones. */
public record PingsStored(List<StoredPing> pings) {

    public PingsStored {
        pings = List.copyOf(pings);
    }
}
