package io.waymark.activity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.protocol.Activity;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FollowUpRulesTests {

    private static final Instant T0 = Instant.parse("2026-11-30T15:00:00Z");
    private final TeamId team = TeamId.random();
    private final RepId ann = RepId.random();
    private final RepId bob = RepId.random();
    private final FollowUpRules rules = new FollowUpRules(Duration.ofHours(24), 3);

    private static Activity knock(String id, Duration after, String outcome, String address) {
        return Activity.builder(id, "DOOR_KNOCK", T0.plus(after).toEpochMilli())
                .outcome(outcome)
                .address(address)
                .build();
    }

    private FollowUp opened() {
        return rules.apply(knock("k1", Duration.ZERO, "CALLBACK", "12 Elm St, Apt 3"), team, ann, Optional.empty())
                .orElseThrow();
    }

    @Test
    void aCallbackOpensAFollowUpDueAtItsFollowUpAtOrAfterTheDefaultDelay() {
        FollowUp byDefault = opened();
        assertThat(byDefault.isOpen()).isTrue();
        assertThat(byDefault.dueAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(byDefault.attempts()).isZero();
        assertThat(byDefault.outcome()).isEqualTo("CALLBACK");
        assertThat(byDefault.openedBy()).isEqualTo("k1");

        Activity appointment = Activity.builder("k2", "DOOR_KNOCK", T0.toEpochMilli())
                .outcome("APPOINTMENT")
                .leadId("L-9")
                .followUpAt(T0.plus(Duration.ofHours(3)).toEpochMilli())
                .build();
        FollowUp given = rules.apply(appointment, team, ann, Optional.empty()).orElseThrow();
        assertThat(given.dueAt()).isEqualTo(T0.plus(Duration.ofHours(3)));
        assertThat(given.matchKey()).isEqualTo("lead:L-9");
    }

    @Test
    void otherOutcomesAndActivitiesWithoutALeadOrAddressOpenNothing() {
        assertThat(rules.apply(knock("k", Duration.ZERO, "NO_ANSWER", "1 Oak"), team, ann, Optional.empty()))
                .isEmpty();
        assertThat(rules.apply(knock("k", Duration.ZERO, "LEAD", null), team, ann, Optional.empty()))
                .isEmpty();
        assertThat(rules.apply(knock("k", Duration.ZERO, "LEAD", " ,. "), team, ann, Optional.empty()))
                .isEmpty();
    }

    @Test
    void matchesTheSameAddressWrittenDifferentlyAndTheLeadIdFirst() {
        assertThat(FollowUpRules.matchKey(knock("a", Duration.ZERO, "LEAD", "12 Elm St., Apt 3")))
                .isEqualTo(FollowUpRules.matchKey(knock("b", Duration.ZERO, "LEAD", "  12 ELM st apt  3 ")))
                .contains("address:12 elm st apt 3");
        Activity both = Activity.builder("c", "CALL", T0.toEpochMilli())
                .leadId("L-1")
                .address("12 Elm St")
                .build();
        assertThat(FollowUpRules.matchKey(both)).contains("lead:L-1");
    }

    @Test
    void laterActivitiesAreAttemptsWhoeverMakesThemAndACallbackAgainMovesTheDueTime() {
        FollowUp followUp = opened();
        Activity call = Activity.builder(
                        "c1", "CALL", T0.plus(Duration.ofHours(1)).toEpochMilli())
                .address("12 ELM ST APT 3")
                .build();
        FollowUp called = rules.apply(call, team, bob, Optional.of(followUp)).orElseThrow();
        assertThat(called.attempts()).isEqualTo(1);
        assertThat(called.lastAttemptAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(called.repId()).as("still the rep who opened it").isEqualTo(ann);
        assertThat(called.dueAt()).isEqualTo(followUp.dueAt());

        FollowUp again = rules.apply(
                        knock("k2", Duration.ofHours(30), "CALLBACK", "12 Elm St Apt 3"),
                        team,
                        ann,
                        Optional.of(called))
                .orElseThrow();
        assertThat(again.attempts()).isEqualTo(2);
        assertThat(again.isOpen()).isTrue();
        assertThat(again.dueAt()).isEqualTo(T0.plus(Duration.ofHours(54)));
    }

    @Test
    void aSaleMakesItDoneAndARefusalClosesIt() {
        FollowUp sold = rules.apply(
                        knock("s", Duration.ofHours(2), "SALE", "12 Elm St Apt 3"), team, ann, Optional.of(opened()))
                .orElseThrow();
        assertThat(sold.state()).isEqualTo(FollowUp.State.DONE);
        assertThat(sold.closedReason()).isEqualTo("SALE");
        assertThat(sold.closedAt()).isEqualTo(T0.plus(Duration.ofHours(2)));
        assertThat(sold.attempts()).isEqualTo(1);

        FollowUp refused = rules.apply(
                        knock("n", Duration.ofHours(2), "NOT_INTERESTED", "12 Elm St Apt 3"),
                        team,
                        ann,
                        Optional.of(opened()))
                .orElseThrow();
        assertThat(refused.state()).isEqualTo(FollowUp.State.CLOSED);
        assertThat(refused.closedReason()).isEqualTo("NOT_INTERESTED");
    }

    @Test
    void closesAfterTheTeamsAttemptLimitWithoutASale() {
        FollowUp followUp = opened();
        for (int attempt = 1; attempt <= 3; attempt++) {
            followUp = rules.apply(
                            knock("a" + attempt, Duration.ofHours(attempt), "NO_ANSWER", "12 Elm St Apt 3"),
                            team,
                            ann,
                            Optional.of(followUp))
                    .orElseThrow();
            assertThat(followUp.isOpen()).isEqualTo(attempt < 3);
        }
        assertThat(followUp.closedReason()).isEqualTo("ATTEMPT_LIMIT");
        assertThat(followUp.attempts()).isEqualTo(3);
    }

    @Test
    void anActivityOlderThanTheFollowUpOrOfAnotherKindIsNoAttempt() {
        FollowUp followUp = opened();
        assertThat(rules.apply(
                        knock("late", Duration.ofMinutes(-5), "NO_ANSWER", "12 Elm St Apt 3"),
                        team,
                        ann,
                        Optional.of(followUp)))
                .isEmpty();
        Activity note = Activity.builder(
                        "n", "NOTE", T0.plus(Duration.ofHours(1)).toEpochMilli())
                .address("12 Elm St Apt 3")
                .build();
        assertThat(rules.apply(note, team, ann, Optional.of(followUp))).isEmpty();
    }

    @Test
    void isOverdueOnceItsDueTimeHasCome() {
        FollowUp followUp = opened();
        assertThat(followUp.overdueAt(T0.plus(Duration.ofHours(23)))).isFalse();
        assertThat(followUp.overdueAt(T0.plus(Duration.ofHours(24)))).isTrue();
    }
}
