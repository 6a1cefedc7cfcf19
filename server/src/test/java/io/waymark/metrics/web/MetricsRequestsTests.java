package io.waymark.metrics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.identity.TeamId;
import io.waymark.metrics.internal.Reports;
import io.waymark.problem.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsRequestsTests {

    private static final Reports.Team NEW_YORK =
            new Reports.Team(TeamId.random(), ZoneId.of("America/New_York"), Map.of());
    private static final Instant NOW = Instant.parse("2026-11-30T15:00:00Z");

    @Test
    void aRangeEndIsADayInTheTeamsZoneOrAnInstantStandingForItsDayThere() {
        // 2026-11-21T03:00Z is still the 20th in New York; epoch ms of 2026-11-21T15:00Z is the 21st.
        MetricsRequests.Bound[] days = MetricsRequests.days(
                "2026-11-21T03:00:00Z",
                String.valueOf(Instant.parse("2026-11-21T15:00:00Z").toEpochMilli()));

        MetricsRequests.Range range = MetricsRequests.range(days, NEW_YORK, NOW, 366);

        assertThat(range.from()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(range.to()).isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(MetricsRequests.range(MetricsRequests.days("2026-11-01", "2026-11-30"), NEW_YORK, NOW, 366))
                .isEqualTo(new MetricsRequests.Range(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30)));
        assertThat(MetricsRequests.range(MetricsRequests.days(null, null), NEW_YORK, NOW, 366))
                .as("today in New York")
                .isEqualTo(new MetricsRequests.Range(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 11, 30)));
    }

    @Test
    void somethingElseIsAProblemNamingTheField() {
        assertThatThrownBy(() -> MetricsRequests.days("yesterday", "2026-13-01"))
                .isInstanceOfSatisfying(InvalidInputException.class, problem -> assertThat(problem.problems())
                        .extracting(field -> field.field())
                        .containsExactly("from", "to"));
        assertThatThrownBy(() -> MetricsRequests.days("2026-11-21Tnoon", null))
                .isInstanceOf(InvalidInputException.class);
    }
}
