package io.waymark.live.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.waymark.live.internal.LiveFrame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChannelOutboxTests {

    private static final Duration LINGER = Duration.ofMillis(1);

    private final List<String> flushes = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushes.add("flush");
            ctx.flush();
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ctx.write(msg, promise);
        }
    });

    private final Counter merged = new SimpleMeterRegistry().counter("waymark.live.merged");

    private ChannelOutbox outbox(int capacity) {
        return new ChannelOutbox(channel, capacity, LINGER, merged);
    }

    /** The buffers written, each as its bytes. */
    private List<byte[]> written() {
        List<byte[]> buffers = new ArrayList<>();
        for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
            ByteBuf buffer = (ByteBuf) message;
            buffers.add(ByteBufUtil.getBytes(buffer));
            buffer.release();
        }
        return buffers;
    }

    private static byte[] backToBack(LiveFrame... frames) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (LiveFrame frame : frames) {
            bytes.writeBytes(frame.wire());
        }
        return bytes.toByteArray();
    }

    @Test
    void writesEveryWaitingFrameAsItIsOnTheWireWithOneFlush() {
        ChannelOutbox outbox = outbox(16);
        LiveFrame first = LiveFrame.of("{\"type\":\"rep\"}");
        LiveFrame second = LiveFrame.of("x".repeat(300));
        assertThat(outbox.offer(first)).isTrue();
        assertThat(outbox.offer(second)).isTrue();

        channel.runPendingTasks();

        assertThat(written()).containsExactly(backToBack(first, second));
        assertThat(flushes).hasSize(1);
    }

    @Test
    void writesTheFramesThatArriveWhileItLingersTogetherOnItsNextLook() {
        channel.freezeTime();
        ChannelOutbox outbox = outbox(16);
        LiveFrame first = LiveFrame.of("first");
        LiveFrame second = LiveFrame.of("second");
        LiveFrame third = LiveFrame.of("third");
        outbox.offer(first);
        channel.runPendingTasks();
        assertThat(written()).containsExactly(first.wire());

        outbox.offer(second);
        outbox.offer(third);
        channel.runPendingTasks();
        assertThat(written()).as("still lingering").isEmpty();

        channel.advanceTimeBy(LINGER.toNanos(), TimeUnit.NANOSECONDS);
        channel.runPendingTasks();
        assertThat(written()).containsExactly(backToBack(second, third));
        assertThat(flushes).hasSize(2);

        channel.advanceTimeBy(LINGER.toNanos(), TimeUnit.NANOSECONDS);
        channel.runPendingTasks();
        LiveFrame later = LiveFrame.of("later");
        outbox.offer(later);
        channel.runPendingTasks();
        assertThat(written()).as("a look that found nothing ended the linger").containsExactly(later.wire());
    }

    @Test
    void endsTheLingerAtOnceWhenAQuarterOfItsCapacityWaits() {
        channel.freezeTime();
        ChannelOutbox outbox = outbox(16);
        LiveFrame first = LiveFrame.of("first");
        outbox.offer(first);
        channel.runPendingTasks();
        assertThat(written()).containsExactly(first.wire());

        LiveFrame[] burst = new LiveFrame[4];
        for (int i = 0; i < 3; i++) {
            burst[i] = LiveFrame.of("burst " + i);
            outbox.offer(burst[i]);
        }
        channel.runPendingTasks();
        assertThat(written()).as("three of 16 wait: still lingering").isEmpty();

        burst[3] = LiveFrame.of("burst 3");
        outbox.offer(burst[3]);
        channel.runPendingTasks();
        assertThat(written())
                .as("four of 16 wait: written before the linger ends")
                .containsExactly(backToBack(burst));
    }

    @Test
    void writesAnUrgentFrameAtOnceWhileItLingersTakingTheWaitingFramesAlong() {
        channel.freezeTime();
        ChannelOutbox outbox = outbox(16);
        LiveFrame first = LiveFrame.of("first");
        LiveFrame position = LiveFrame.of("position");
        LiveFrame alert = LiveFrame.of("alert");
        LiveFrame later = LiveFrame.of("later");
        outbox.offer(first);
        channel.runPendingTasks();
        assertThat(written()).containsExactly(first.wire());

        outbox.offer(position);
        outbox.offer(alert, LiveOutbox.Order.URGENT);
        channel.runPendingTasks();
        assertThat(written()).as("not held for the linger").containsExactly(backToBack(alert, position));

        outbox.offer(later);
        channel.runPendingTasks();
        assertThat(written()).as("the linger goes on for the rest").isEmpty();
        channel.advanceTimeBy(LINGER.toNanos(), TimeUnit.NANOSECONDS);
        channel.runPendingTasks();
        assertThat(written()).containsExactly(later.wire());
    }

    @Test
    void refusesAFrameBeyondItsCapacityWhileTheClientHasNotTakenTheOthers() {
        ChannelOutbox outbox = outbox(3);
        for (int i = 0; i < 3; i++) {
            assertThat(outbox.offer(LiveFrame.of("m" + i))).isTrue();
        }
        assertThat(outbox.offer(LiveFrame.of("one too many"))).isFalse();

        channel.runPendingTasks();
        assertThat(written()).hasSize(1);
        assertThat(outbox.offer(LiveFrame.of("room again"))).isTrue();
    }

    @Test
    void urgentFramesGoBeforeThePassableOnesThatWait() {
        ChannelOutbox outbox = outbox(16);
        LiveFrame rep1 = LiveFrame.of("rep1");
        LiveFrame rep2 = LiveFrame.of("rep2");
        LiveFrame sos = LiveFrame.of("alert1");
        LiveFrame note = LiveFrame.of("alert2");
        outbox.offer(rep1);
        outbox.offer(rep2);
        outbox.offer(sos, LiveOutbox.Order.URGENT);
        outbox.offer(note, LiveOutbox.Order.URGENT);

        channel.runPendingTasks();

        assertThat(written()).containsExactly(backToBack(sos, note, rep1, rep2));
    }

    @Test
    void anUrgentFrameNeverPassesAKeptOneNorTheUrgentOnesBehindIt() {
        ChannelOutbox outbox = outbox(16);
        LiveFrame snapshot = LiveFrame.of("snapshot");
        LiveFrame rep = LiveFrame.of("rep");
        LiveFrame replayed = LiveFrame.of("replayed alert");
        LiveFrame live1 = LiveFrame.of("live alert 1");
        LiveFrame live2 = LiveFrame.of("live alert 2");
        outbox.offer(snapshot, LiveOutbox.Order.KEPT);
        outbox.offer(rep);
        outbox.offer(replayed, LiveOutbox.Order.KEPT);
        outbox.offer(live1, LiveOutbox.Order.URGENT);
        outbox.offer(live2, LiveOutbox.Order.URGENT);

        channel.runPendingTasks();

        assertThat(written()).containsExactly(backToBack(snapshot, rep, replayed, live1, live2));

        // Once the kept frames are written, urgent frames pass again.
        LiveFrame later = LiveFrame.of("rep later");
        LiveFrame sos = LiveFrame.of("sos");
        outbox.offer(later);
        outbox.offer(sos, LiveOutbox.Order.URGENT);
        channel.advanceTimeBy(LINGER.toNanos(), TimeUnit.NANOSECONDS);
        channel.runPendingTasks();
        assertThat(written()).containsExactly(backToBack(sos, later));
    }

    @Test
    void urgentFramesCountAgainstTheCapacity() {
        ChannelOutbox outbox = outbox(2);
        assertThat(outbox.offer(LiveFrame.of("rep"))).isTrue();
        assertThat(outbox.offer(LiveFrame.of("alert"), LiveOutbox.Order.URGENT)).isTrue();
        assertThat(outbox.offer(LiveFrame.of("alert 2"), LiveOutbox.Order.URGENT))
                .isFalse();
    }

    @Test
    void writesNothingOnceClosed() {
        ChannelOutbox outbox = outbox(8);
        outbox.offer(LiveFrame.of("before"));
        outbox.close();
        outbox.offer(LiveFrame.of("after"));

        channel.runPendingTasks();

        assertThat(written()).isEmpty();
    }

    private void writable(boolean writable) {
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, writable);
    }

    @Test
    void putsARepsNewerPositionInThePlaceOfTheOneStillWaitingAndWritesItOnce() {
        ChannelOutbox outbox = outbox(16);
        LiveFrame ana1 = LiveFrame.of("ana 1");
        LiveFrame ben1 = LiveFrame.of("ben 1");
        LiveFrame ana2 = LiveFrame.of("ana 2, a longer frame than the first");
        LiveFrame ana3 = LiveFrame.of("ana 3");
        assertThat(outbox.offerPosition(0, ana1)).isTrue();
        assertThat(outbox.offerPosition(1, ben1)).isTrue();
        assertThat(outbox.offerPosition(0, ana2)).isTrue();
        assertThat(outbox.offerPosition(0, ana3)).isTrue();

        channel.runPendingTasks();

        assertThat(written()).containsExactly(backToBack(ana3, ben1));
        assertThat(merged.count()).isEqualTo(2);
    }

    @Test
    void neverMergesThePositionsOfDifferentReps() {
        ChannelOutbox outbox = outbox(16);
        LiveFrame ana = LiveFrame.of("ana");
        LiveFrame ben = LiveFrame.of("ben");
        LiveFrame eva = LiveFrame.of("eva");
        outbox.offerPosition(0, ana);
        outbox.offerPosition(1, ben);
        outbox.offerPosition(7, eva);

        channel.runPendingTasks();

        assertThat(written()).containsExactly(backToBack(ana, ben, eva));
        assertThat(merged.count()).isZero();
    }

    @Test
    void aPositionQueuedBeforeAnotherFrameIsNeverReplacedByOneOfferedAfterIt() {
        ChannelOutbox outbox = outbox(16);
        LiveFrame ana1 = LiveFrame.of("ana 1");
        LiveFrame knock = LiveFrame.of("activity");
        LiveFrame ana2 = LiveFrame.of("ana 2");
        LiveFrame error = LiveFrame.of("error");
        LiveFrame ana3 = LiveFrame.of("ana 3");
        LiveFrame ana4 = LiveFrame.of("ana 4");
        outbox.offerPosition(0, ana1);
        outbox.offer(knock);
        outbox.offerPosition(0, ana2);
        outbox.offer(error, LiveOutbox.Order.KEPT);
        outbox.offerPosition(0, ana3);
        outbox.offerPosition(0, ana4);

        channel.runPendingTasks();

        assertThat(written())
                .as("only the position queued after the last other frame was replaced")
                .containsExactly(backToBack(ana1, knock, ana2, error, ana4));
        assertThat(merged.count()).isEqualTo(1);
    }

    @Test
    void anActivitySealsOnlyItsOwnRepsWaitingPosition() {
        ChannelOutbox outbox = outbox(16);
        LiveFrame ana1 = LiveFrame.of("ana 1");
        LiveFrame ben1 = LiveFrame.of("ben 1");
        LiveFrame anasKnock = LiveFrame.of("ana's knock");
        LiveFrame ana2 = LiveFrame.of("ana 2");
        LiveFrame ben2 = LiveFrame.of("ben 2");
        LiveFrame ana3 = LiveFrame.of("ana 3");
        outbox.offerPosition(0, ana1);
        outbox.offerPosition(1, ben1);
        outbox.offerAbout(0, anasKnock);
        outbox.offerPosition(0, ana2);
        outbox.offerPosition(1, ben2);
        outbox.offerPosition(0, ana3);

        channel.runPendingTasks();

        assertThat(written())
                .as("ana's positions stay on their side of her knock; ben's latest takes his waiting one's place")
                .containsExactly(backToBack(ana1, ben2, anasKnock, ana3));
        assertThat(merged.count()).isEqualTo(2);
    }

    @Test
    void anUrgentFrameStillPassesTheWaitingPositionsWhichItDoesNotSeal() {
        ChannelOutbox outbox = outbox(16);
        LiveFrame ana1 = LiveFrame.of("ana 1");
        LiveFrame ben1 = LiveFrame.of("ben 1");
        LiveFrame sos = LiveFrame.of("sos");
        LiveFrame ana2 = LiveFrame.of("ana 2");
        outbox.offerPosition(0, ana1);
        outbox.offerPosition(1, ben1);
        outbox.offer(sos, LiveOutbox.Order.URGENT);
        outbox.offerPosition(0, ana2);

        channel.runPendingTasks();

        assertThat(written()).containsExactly(backToBack(sos, ana2, ben1));
    }

    @Test
    void replacementsTakeNoRoomWhileTheClientTakesNothingButOtherFramesStillFillIt() {
        channel.freezeTime();
        ChannelOutbox outbox = outbox(4);
        writable(false);
        for (int i = 0; i < 100; i++) {
            assertThat(outbox.offerPosition(0, LiveFrame.of("ana " + i))).isTrue();
            assertThat(outbox.offerPosition(1, LiveFrame.of("ben " + i))).isTrue();
            channel.runPendingTasks();
        }
        LiveFrame first = LiveFrame.of("activity 1");
        LiveFrame second = LiveFrame.of("activity 2");
        assertThat(outbox.offer(first)).isTrue();
        assertThat(outbox.offer(second)).isTrue();
        assertThat(outbox.offerPosition(0, LiveFrame.of("ana after")))
                .as("a position after the activities queues anew, and there is no room")
                .isFalse();
        channel.runPendingTasks();
        assertThat(written()).isEmpty();

        writable(true);
        channel.advanceTimeBy(10, TimeUnit.MILLISECONDS);
        channel.runPendingTasks();

        assertThat(written())
                .containsExactly(backToBack(LiveFrame.of("ana 99"), LiveFrame.of("ben 99"), first, second));
        assertThat(merged.count()).isEqualTo(198);
    }

    @Test
    void aPositionOfferedOnceTheWaitingOneIsWrittenQueuesAgain() {
        channel.freezeTime();
        ChannelOutbox outbox = outbox(16);
        LiveFrame ana1 = LiveFrame.of("ana 1");
        LiveFrame ana2 = LiveFrame.of("ana 2");
        LiveFrame ana3 = LiveFrame.of("ana 3");
        outbox.offerPosition(0, ana1);
        channel.runPendingTasks();
        assertThat(written()).containsExactly(ana1.wire());

        outbox.offerPosition(0, ana2);
        outbox.offerPosition(0, ana3);
        channel.advanceTimeBy(LINGER.toNanos(), TimeUnit.NANOSECONDS);
        channel.runPendingTasks();

        assertThat(written()).containsExactly(ana3.wire());
        assertThat(merged.count()).isEqualTo(1);
    }

    @Test
    void holdsOnToNoRepsEntryOnceItsPositionIsWritten() {
        channel.freezeTime();
        ChannelOutbox outbox = outbox(16);
        writable(false);
        outbox.offerPosition(0, LiveFrame.of("ana 1"));
        outbox.offerPosition(3, LiveFrame.of("ben 1"));
        outbox.offerPosition(0, LiveFrame.of("ana 2"));
        outbox.offerAbout(3, LiveFrame.of("ben knocked"));
        outbox.offerPosition(3, LiveFrame.of("ben 2"));
        channel.runPendingTasks();
        assertThat(outbox.heldPositions()).isEqualTo(2);

        writable(true);
        channel.advanceTimeBy(1, TimeUnit.SECONDS);
        channel.runPendingTasks();

        assertThat(written()).isNotEmpty();
        assertThat(outbox.heldPositions()).isZero();
    }

    /**
     * A producer replacing positions as fast as it can while a real event loop drains them: no replacement that
     * races the drain loses the newer frame, a rep's positions go out oldest first and end with its latest, no
     * position crosses an activity, the last position of each rep written before an activity is the latest offered
     * before it, and every position offered is either written or counted as merged.
     */
    @Test
    void aReplacementRacingTheDrainNeverLosesTheNewestFrame() throws InterruptedException {
        int reps = 4;
        int rounds = 100_000;
        int activityEvery = 500;
        DefaultEventLoopGroup loops = new DefaultEventLoopGroup(2);
        List<String> received = new ArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);
        LocalAddress address = new LocalAddress("outbox-race-" + UUID.randomUUID());
        try {
            new ServerBootstrap()
                    .group(loops)
                    .channel(LocalServerChannel.class)
                    .childHandler(new FrameReader(received, ended))
                    .bind(address)
                    .sync();
            Channel client = new Bootstrap()
                    .group(loops)
                    .channel(LocalChannel.class)
                    .handler(new ChannelInboundHandlerAdapter())
                    .connect(address)
                    .sync()
                    .channel();
            ChannelOutbox outbox = new ChannelOutbox(client, Integer.MAX_VALUE, Duration.ZERO, merged);
            int activities = 0;
            for (int round = 0; round < rounds; round++) {
                for (int rep = 0; rep < reps; rep++) {
                    assertThat(outbox.offerPosition(rep, LiveFrame.of("p:" + rep + ":" + round + ":" + activities)))
                            .isTrue();
                }
                if (round % activityEvery == 0) {
                    assertThat(outbox.offer(LiveFrame.of("a:" + activities++))).isTrue();
                }
            }
            outbox.offer(LiveFrame.of("end"), LiveOutbox.Order.KEPT);
            assertThat(ended.await(60, TimeUnit.SECONDS))
                    .as("everything written")
                    .isTrue();

            int[] last = new int[reps];
            Arrays.fill(last, -1);
            int activitiesRead = 0;
            int positions = 0;
            for (String text : received) {
                String[] parts = text.split(":");
                if (parts[0].equals("a")) {
                    assertThat(Integer.parseInt(parts[1])).isEqualTo(activitiesRead);
                    assertThat(last)
                            .as(
                                    "each rep's last position before activity %d is the latest offered before it",
                                    activitiesRead)
                            .containsOnly(activitiesRead * activityEvery);
                    activitiesRead++;
                } else if (parts[0].equals("p")) {
                    int rep = Integer.parseInt(parts[1]);
                    int round = Integer.parseInt(parts[2]);
                    assertThat(round)
                            .as("rep %d's positions, oldest first", rep)
                            .isGreaterThan(last[rep]);
                    assertThat(Integer.parseInt(parts[3]))
                            .as("the activities before rep %d's position %d", rep, round)
                            .isEqualTo(activitiesRead);
                    last[rep] = round;
                    positions++;
                }
            }
            assertThat(last)
                    .as("each rep's last position written is its latest")
                    .containsOnly(rounds - 1);
            assertThat(activitiesRead).isEqualTo(activities);
            assertThat(positions + (long) merged.count()).isEqualTo((long) reps * rounds);
            client.close().sync();
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** Reads the unmasked text frames the outbox writes (payloads under 126 bytes), until one says "end". */
    private static final class FrameReader extends ChannelInboundHandlerAdapter {

        private final List<String> texts;
        private final CountDownLatch ended;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        FrameReader(List<String> texts, CountDownLatch ended) {
            this.texts = texts;
            this.ended = ended;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            ByteBuf buffer = (ByteBuf) message;
            pending.writeBytes(ByteBufUtil.getBytes(buffer));
            buffer.release();
            byte[] bytes = pending.toByteArray();
            int at = 0;
            while (at + 2 <= bytes.length && at + 2 + bytes[at + 1] <= bytes.length) {
                int length = bytes[at + 1];
                String text = new String(bytes, at + 2, length, StandardCharsets.UTF_8);
                texts.add(text);
                if (text.equals("end")) {
                    ended.countDown();
                }
                at += 2 + length;
            }
            pending.reset();
            pending.write(bytes, at, bytes.length - at);
        }
    }
}
