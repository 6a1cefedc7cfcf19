package io.waymark.activity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.protocol.Activity;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DealTests {

    private static final Instant T0 = Instant.parse("2026-11-20T14:00:00Z");
    private final TeamId team = TeamId.random();
    private final RepId ana = RepId.random();
    private final RepId ben = RepId.random();

    private Deal.Event update(
            RepId rep, String id, int minutes, String leadId, String address, String stage, String amount) {
        return new Deal.Event(
                rep,
                team,
                Activity.builder(
                                id,
                                "DEAL_UPDATE",
                                T0.plus(Duration.ofMinutes(minutes)).toEpochMilli())
                        .leadId(leadId)
                        .address(address)
                        .stage(stage)
                        .amount(amount == null ? null : new BigDecimal(amount))
                        .build());
    }

    @Test
    void theLatestStageAndAmountWinAndEveryUpdateIsKeptInOrder() {
        List<Deal> deals = Deal.fold(List.of(
                update(ben, "u3", 30, "L-1", null, "WON", null),
                update(ana, "u1", 0, "L-1", "12 Elm St", "QUALIFIED", "1000"),
                update(ana, "u2", 10, "L-1", null, "PROPOSAL", "1250.50")));

        assertThat(deals).singleElement().satisfies(deal -> {
            assertThat(deal.key()).isEqualTo("lead:L-1");
            assertThat(deal.stage()).isEqualTo("WON");
            assertThat(deal.amount()).isEqualByComparingTo("1250.50");
            assertThat(deal.repId()).as("the rep of the latest update").isEqualTo(ben);
            assertThat(deal.address()).isEqualTo("12 Elm St");
            assertThat(deal.openedAt()).isEqualTo(T0);
            assertThat(deal.updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
            assertThat(deal.updates()).extracting(Deal.Update::activityId).containsExactly("u1", "u2", "u3");
        });
    }

    @Test
    void withoutALeadIdUpdatesAtTheSameAddressAreOneDealAndOthersStandAlone() {
        List<Deal> deals = Deal.fold(List.of(
                update(ana, "a1", 0, null, "12 Elm St.", "QUALIFIED", null),
                update(ana, "a2", 5, null, "12 elm st", "PROPOSAL", "500"),
                update(ana, "n1", 7, null, null, "QUALIFIED", null),
                update(ana, "b1", 9, "L-2", "12 Elm St", "LOST", null)));

        assertThat(deals)
                .extracting(Deal::key, Deal::stage)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("lead:L-2", "LOST"),
                        org.assertj.core.groups.Tuple.tuple("activity:n1", "QUALIFIED"),
                        org.assertj.core.groups.Tuple.tuple("address:12 elm st", "PROPOSAL"));
    }

    @Test
    void dealsOfDifferentTeamsNeverMerge() {
        Deal.Event mine = update(ana, "x1", 0, "L-1", null, "QUALIFIED", null);
        Deal.Event theirs = new Deal.Event(
                RepId.random(),
                TeamId.random(),
                Activity.builder("x2", "DEAL_UPDATE", T0.toEpochMilli())
                        .leadId("L-1")
                        .stage("WON")
                        .build());

        assertThat(Deal.fold(List.of(mine, theirs))).hasSize(2);
    }
}
