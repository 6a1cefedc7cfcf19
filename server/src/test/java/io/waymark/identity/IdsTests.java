package io.waymark.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class IdsTests {

    private final UUID value = UUID.randomUUID();

    @Test
    void idsOfOneKindAreEqualExactlyWhenTheirValuesAre() {
        List<Function<UUID, Object>> kinds = List.of(TeamId::new, RepId::new, DeviceId::new, UserId::new);
        for (Function<UUID, Object> kind : kinds) {
            Object id = kind.apply(value);
            Object same = kind.apply(UUID.fromString(value.toString()));
            assertThat(id).isEqualTo(same).hasSameHashCodeAs(same);
            assertThat(id)
                    .isNotEqualTo(kind.apply(UUID.randomUUID()))
                    .isNotEqualTo(value)
                    .isNotEqualTo(null);
        }
    }

    @Test
    void idsOfDifferentKindsAreNeverEqualEvenWithOneValue() {
        Set<Object> ids =
                new HashSet<>(List.of(new TeamId(value), new RepId(value), new DeviceId(value), new UserId(value)));
        assertThat(ids).hasSize(4);
        assertThat(ids).contains(new RepId(value)).doesNotContain(new RepId(UUID.randomUUID()));
    }
}
