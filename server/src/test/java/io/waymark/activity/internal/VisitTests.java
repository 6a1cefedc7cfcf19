package io.waymark.activity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.protocol.Activity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VisitTests {

    private static final Instant T0 = Instant.parse("2026-11-20T14:00:00Z");
    private final TeamId team = TeamId.random();
    private final RepId ana = RepId.random();
    private final RepId ben = RepId.random();

    private Visit.Event event(RepId rep, String id, String type, int minutes) {
        return new Visit.Event(
                rep,
                team,
                Activity.of(id, type, T0.plus(Duration.ofMinutes(minutes)).toEpochMilli()));
    }

    @Test
    void anEndClosesTheRepsOpenVisitWithItsDuration() {
        List<Visit> visits = Visit.pair(List.of(
                event(ana, "s1", "VISIT_START", 0),
                event(ben, "s2", "VISIT_START", 5),
                event(ana, "e1", "VISIT_END", 42),
                event(ben, "e2", "VISIT_END", 15)));

        assertThat(visits).extracting(Visit::startId).containsExactly("s1", "s2");
        assertThat(visits.get(0).state()).isEqualTo(Visit.State.ENDED);
        assertThat(visits.get(0).duration()).isEqualTo(Duration.ofMinutes(42));
        assertThat(visits.get(1).duration()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void eventsArePairedInTimeOrderWhateverTheOrderTheyArrived() {
        List<Visit> visits =
                Visit.pair(List.of(event(ana, "e1", "VISIT_END", 30), event(ana, "s1", "VISIT_START", 10)));

        assertThat(visits).singleElement().satisfies(visit -> {
            assertThat(visit.state()).isEqualTo(Visit.State.ENDED);
            assertThat(visit.duration()).isEqualTo(Duration.ofMinutes(20));
        });
    }

    @Test
    void aStartWhileAVisitIsOpenLeavesThatOneUnendedAndAnOrphanEndIsIgnored() {
        List<Visit> visits = Visit.pair(List.of(
                event(ana, "orphan", "VISIT_END", 0),
                event(ana, "s1", "VISIT_START", 10),
                event(ana, "s2", "VISIT_START", 30),
                event(ana, "e2", "VISIT_END", 50),
                event(ana, "s3", "VISIT_START", 60)));

        assertThat(visits)
                .extracting(Visit::startId, Visit::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("s1", Visit.State.UNENDED),
                        org.assertj.core.groups.Tuple.tuple("s2", Visit.State.ENDED),
                        org.assertj.core.groups.Tuple.tuple("s3", Visit.State.OPEN));
        assertThat(visits.get(0).duration()).isNull();
        assertThat(visits.get(1).duration()).isEqualTo(Duration.ofMinutes(20));
        assertThat(visits.get(2).end()).isNull();
    }

    @Test
    void theVisitTakesItsPlaceAndLeadFromTheStartOrElseTheEnd() {
        Activity start = Activity.builder("s1", "VISIT_START", T0.toEpochMilli())
                .address("12 Elm St")
                .build();
        Activity end = Activity.builder("e1", "VISIT_END", T0.plusSeconds(600).toEpochMilli())
                .at(40.7, -74.0)
                .leadId("L-9")
                .address("other")
                .build();

        Visit visit = Visit.pair(List.of(new Visit.Event(ana, team, start), new Visit.Event(ana, team, end)))
                .get(0);

        assertThat(visit.address()).isEqualTo("12 Elm St");
        assertThat(visit.leadId()).isEqualTo("L-9");
        assertThat(visit.lat()).isEqualTo(40.7);
        assertThat(visit.lon()).isEqualTo(-74.0);
    }

    @Test
    void onlyAnEndedVisitHasAnEnd() {
        assertThatThrownBy(() -> new Visit("s", ana, team, T0, T0, Visit.State.OPEN, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Visit("s", ana, team, T0, null, Visit.State.ENDED, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
