package io.waymark.live.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.waymark.live.internal.LiveFrame;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        ChannelOutbox outbox = new ChannelOutbox(channel, 16, LINGER);
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
        ChannelOutbox outbox = new ChannelOutbox(channel, 16, LINGER);
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
    void refusesAFrameBeyondItsCapacityWhileTheClientHasNotTakenTheOthers() {
        ChannelOutbox outbox = new ChannelOutbox(channel, 3, LINGER);
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
        ChannelOutbox outbox = new ChannelOutbox(channel, 16, LINGER);
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
        ChannelOutbox outbox = new ChannelOutbox(channel, 16, LINGER);
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
        ChannelOutbox outbox = new ChannelOutbox(channel, 2, LINGER);
        assertThat(outbox.offer(LiveFrame.of("rep"))).isTrue();
        assertThat(outbox.offer(LiveFrame.of("alert"), LiveOutbox.Order.URGENT)).isTrue();
        assertThat(outbox.offer(LiveFrame.of("alert 2"), LiveOutbox.Order.URGENT))
                .isFalse();
    }

    @Test
    void writesNothingOnceClosed() {
        ChannelOutbox outbox = new ChannelOutbox(channel, 8, LINGER);
        outbox.offer(LiveFrame.of("before"));
        outbox.close();
        outbox.offer(LiveFrame.of("after"));

        channel.runPendingTasks();

        assertThat(written()).isEmpty();
    }
}
