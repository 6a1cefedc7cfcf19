package io.waymark.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.protocol.Ping;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PingBufferTests {

    @TempDir
    Path dir;

    private static Ping ping(long seq) {
        return Ping.of(seq, 1_795_338_902_000L + seq, 40.7, -74.0);
    }

    private static List<Long> seqs(List<Ping> pings) {
        return pings.stream().map(Ping::seq).toList();
    }

    @Test
    void keepsAppendedPingsAcrossReopen() {
        try (PingBuffer buffer = PingBuffer.open(dir, 100, false)) {
            buffer.append(ping(1));
            buffer.append(ping(2));
            buffer.appendNext(PingBufferTests::ping);
        }
        try (PingBuffer buffer = PingBuffer.open(dir, 100, false)) {
            assertThat(seqs(buffer.after(0, 10))).containsExactly(1L, 2L, 3L);
            assertThat(buffer.after(0, 10).get(0)).isEqualTo(ping(1));
            assertThat(buffer.lastSeq()).isEqualTo(3);
        }
    }

    @Test
    void removesAckedPingsAndRemembersTheWatermarkAcrossReopen() {
        try (PingBuffer buffer = PingBuffer.open(dir, 100, false)) {
            for (long seq = 1; seq <= 5; seq++) {
                buffer.append(ping(seq));
            }
            assertThat(buffer.removeThrough(3)).isEqualTo(3);
            assertThat(buffer.removeThrough(2)).isZero();
            assertThat(seqs(buffer.after(0, 10))).containsExactly(4L, 5L);
        }
        try (PingBuffer buffer = PingBuffer.open(dir, 100, false)) {
            assertThat(seqs(buffer.after(0, 10))).containsExactly(4L, 5L);
            assertThat(buffer.removedThroughSeq()).isEqualTo(3);
        }
    }

    @Test
    void returnsBatchesAfterACursorInSeqOrder() {
        try (PingBuffer buffer = PingBuffer.open(dir, 100, false)) {
            for (long seq = 1; seq <= 7; seq++) {
                buffer.append(ping(seq * 10));
            }
            assertThat(seqs(buffer.after(20, 3))).containsExactly(30L, 40L, 50L);
            assertThat(seqs(buffer.after(55, 3))).containsExactly(60L, 70L);
        }
    }

    @Test
    void seqCounterSurvivesReopenEvenWhenEverythingWasAckedAndCompacted() {
        try (PingBuffer buffer = PingBuffer.open(dir, 100, false, 0)) {
            for (int i = 0; i < 50; i++) {
                buffer.appendNext(PingBufferTests::ping);
            }
            buffer.removeThrough(50);
            assertThat(buffer.pendingCount()).isZero();
        }
        try (PingBuffer buffer = PingBuffer.open(dir, 100, false)) {
            assertThat(buffer.lastSeq()).isEqualTo(50);
            assertThat(buffer.appendNext(PingBufferTests::ping)).map(Ping::seq).hasValue(51L);
        }
    }

    @Test
    void refusesASeqNotAboveTheLastOne() {
        try (PingBuffer buffer = PingBuffer.open(dir, 100, false)) {
            buffer.append(ping(5));
            assertThatThrownBy(() -> buffer.append(ping(5))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> buffer.append(ping(4))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void continuesAboveARaisedSeqAcrossReopen() {
        try (PingBuffer buffer = PingBuffer.open(dir, 100, false)) {
            buffer.appendNext(PingBufferTests::ping);
            assertThat(buffer.raiseSeq(1000)).isTrue();
            assertThat(buffer.raiseSeq(10)).isFalse();
        }
        try (PingBuffer buffer = PingBuffer.open(dir, 100, false)) {
            assertThat(buffer.appendNext(PingBufferTests::ping)).map(Ping::seq).hasValue(1001L);
        }
    }

    @Test
    void compactsTheFileWhenAckedLinesPileUp() throws IOException {
        try (PingBuffer buffer = PingBuffer.open(dir, 10_000, false, 100)) {
            for (long seq = 1; seq <= 1000; seq++) {
                buffer.append(ping(seq));
                if (seq % 10 == 0) {
                    buffer.removeThrough(seq - 2);
                }
            }
            assertThat(buffer.fileLines()).isLessThan(400);
            assertThat(seqs(buffer.after(0, 10))).containsExactly(999L, 1000L);
        }
        assertThat(Files.readAllLines(dir.resolve(PingBuffer.FILE_NAME)).size()).isLessThan(400);
        try (PingBuffer buffer = PingBuffer.open(dir, 10_000, false)) {
            assertThat(seqs(buffer.after(0, 10))).containsExactly(999L, 1000L);
            assertThat(buffer.lastSeq()).isEqualTo(1000);
        }
    }

    @Test
    void cutsOffATornLastLineAndKeepsAppending() throws IOException {
        try (PingBuffer buffer = PingBuffer.open(dir, 100, false)) {
            buffer.append(ping(1));
            buffer.append(ping(2));
        }
        Path file = dir.resolve(PingBuffer.FILE_NAME);
        Files.writeString(file, "{\"ping\":{\"seq\":3,\"ts\":17953", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (PingBuffer buffer = PingBuffer.open(dir, 100, false)) {
            assertThat(seqs(buffer.after(0, 10))).containsExactly(1L, 2L);
            buffer.append(ping(3));
        }
        try (PingBuffer buffer = PingBuffer.open(dir, 100, false)) {
            assertThat(seqs(buffer.after(0, 10))).containsExactly(1L, 2L, 3L);
        }
        assertThat(Files.readAllLines(file)).hasSize(3).allMatch(line -> line.startsWith("{\"ping\""));
    }

    @Test
    void cutsOffACorruptLastLineThatEndsInANewline() throws IOException {
        try (PingBuffer buffer = PingBuffer.open(dir, 100, false)) {
            buffer.append(ping(1));
        }
        Path file = dir.resolve(PingBuffer.FILE_NAME);
        Files.write(file, new byte[] {'{', 0, 0, '\n'}, StandardOpenOption.APPEND);
        try (PingBuffer buffer = PingBuffer.open(dir, 100, false)) {
            assertThat(seqs(buffer.after(0, 10))).containsExactly(1L);
            buffer.append(ping(2));
        }
        try (PingBuffer buffer = PingBuffer.open(dir, 100, false)) {
            assertThat(seqs(buffer.after(0, 10))).containsExactly(1L, 2L);
        }
    }

    @Test
    void dropsTheOldestPendingPingsWhenFullAndCountsThem() {
        try (PingBuffer buffer = PingBuffer.open(dir, 3, false)) {
            for (long seq = 1; seq <= 5; seq++) {
                buffer.append(ping(seq));
            }
            assertThat(seqs(buffer.after(0, 10))).containsExactly(3L, 4L, 5L);
            assertThat(buffer.droppedPings()).isEqualTo(2);
        }
        try (PingBuffer buffer = PingBuffer.open(dir, 3, false)) {
            assertThat(seqs(buffer.after(0, 10))).containsExactly(3L, 4L, 5L);
            assertThat(buffer.droppedPings()).isEqualTo(2);
        }
        try (PingBuffer buffer = PingBuffer.open(dir, 2, false)) {
            assertThat(seqs(buffer.after(0, 10))).containsExactly(4L, 5L);
            assertThat(buffer.droppedPings()).isEqualTo(3);
        }
    }

    @Test
    void keepsNoPingsOffShiftUnderShiftOnlyAndRemembersThePolicy() {
        try (PingBuffer buffer = PingBuffer.open(dir, 100, false)) {
            buffer.privacy("SHIFT_ONLY", false);
            assertThat(buffer.appendNext(PingBufferTests::ping)).isEmpty();
        }
        try (PingBuffer buffer = PingBuffer.open(dir, 100, false)) {
            assertThat(buffer.keepsPings()).isFalse();
            buffer.privacy(null, true);
            assertThat(buffer.appendNext(PingBufferTests::ping)).map(Ping::seq).hasValue(1L);
            buffer.privacy("ALWAYS", false);
            assertThat(buffer.keepsPings()).isTrue();
        }
    }

    @Test
    void forcesAppendsToDiskWhenFsyncIsOn() {
        try (PingBuffer buffer = PingBuffer.open(dir, 100, true)) {
            buffer.append(ping(1));
        }
        try (PingBuffer buffer = PingBuffer.open(dir, 100, true)) {
            assertThat(buffer.pendingCount()).isEqualTo(1);
        }
    }
}
