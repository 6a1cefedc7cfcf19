package io.waymark.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * A rep as the live map shows it (contract §5's Rep). Position fields are null for a rep that never pinged.
 *
 * @param ts when the latest fix was taken, epoch milliseconds
 * @param speed metres per second
 * @param heading degrees
 * @param accuracy metres
 * @param battery 0..1
 * @param statusSince when the status last changed, epoch milliseconds
 * @param territoryIds the territories the rep is in now, in id order; empty when outside all or not located yet
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LiveRep(
        String repId,
        String name,
        String teamId,
        Double lat,
        Double lon,
        Long ts,
        Double speed,
        Double heading,
        Double accuracy,
        Double battery,
        RepStatus status,
        Long statusSince,
        TodayCounters today,
        List<String> territoryIds) {

    public LiveRep {
        Objects.requireNonNull(repId, "repId");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(today, "today");
        territoryIds = territoryIds == null ? List.of() : List.copyOf(territoryIds);
    }
}
