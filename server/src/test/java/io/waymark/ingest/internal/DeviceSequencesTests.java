package io.waymark.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.identity.DeviceId;
import io.waymark.protocol.Ping;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceSequencesTests {

    private final DeviceSequences sequences = new DeviceSequences();
    private final DeviceId device = DeviceId.random();

    private static List<Ping> seqs(long... seqs) {
        return java.util.Arrays.stream(seqs)
                .mapToObj(seq -> Ping.of(seq, 1, 1, 1))
                .toList();
    }

    @Test
    void treatsEveryPingOfAnUnknownDeviceAsMaybeStored() {
        assertThat(sequences.classify(device, seqs(1, 2))).containsExactly(true, true);
    }

    @Test
    void takesPingsAboveTheHighestKnownSeqAsNew() {
        sequences.learn(device, 10);
        assertThat(sequences.classify(device, seqs(9, 10, 11, 12))).containsExactly(true, true, false, false);
        assertThat(sequences.classify(device, seqs(12, 13))).containsExactly(true, false);
    }

    @Test
    void neverLowersWhatItKnows() {
        sequences.learn(device, 10);
        sequences.learn(device, 5);
        assertThat(sequences.classify(device, seqs(10, 11))).containsExactly(true, false);
    }
}
