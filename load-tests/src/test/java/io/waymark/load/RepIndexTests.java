package io.waymark.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RepIndexTests {

    @Test
    void numbersEachIdOnceDenselyFromZero() {
        RepIndex reps = new RepIndex();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            ids.add(UUID.nameUUIDFromBytes(new byte[] {(byte) i, (byte) (i >> 8)})
                    .toString());
        }

        List<Integer> first = ids.stream().map(reps::of).toList();
        List<Integer> again = ids.stream().map(reps::of).toList();

        assertThat(first).isEqualTo(again);
        assertThat(new HashSet<>(first)).hasSize(5000);
        assertThat(first).allSatisfy(number -> assertThat(number).isBetween(0, 4999));
    }

    @Test
    void findsAnIdGivenAsBytesWithinALargerBuffer() {
        RepIndex reps = new RepIndex();
        int number = reps.of("rep-b");
        reps.of("rep-a");
        byte[] buffer = "xx\"rep-b\"yy".getBytes(StandardCharsets.US_ASCII);

        assertThat(reps.of(buffer, 3, 8)).isEqualTo(number);
        assertThat(reps.of(buffer, 3, 7)).isNotEqualTo(number).isEqualTo(2);
    }

    @Test
    void givesEveryThreadTheSameNumberForAnIdSeenAtOnce() throws Exception {
        RepIndex reps = new RepIndex();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<List<Integer>>> seen = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                seen.add(CompletableFuture.supplyAsync(
                        () -> {
                            List<Integer> numbers = new ArrayList<>();
                            for (int i = 0; i < 2000; i++) {
                                numbers.add(reps.of("rep-" + i));
                            }
                            return numbers;
                        },
                        threads));
            }
            List<Integer> first = seen.get(0).get(10, TimeUnit.SECONDS);
            for (CompletableFuture<List<Integer>> other : seen) {
                assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo(first);
            }
            assertThat(new HashSet<>(first)).hasSize(2000);
        } finally {
            threads.shutdownNow();
        }
    }
}
