package io.waymark.live;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the live board and the live WebSocket.
 *
 * @param idleAfter a clocked-in rep who has neither moved beyond the noise radius nor logged an activity for this
 *     long is IDLE
 * @param offlineAfter a clocked-in rep with no ping for this long is OFFLINE
 * @param noiseRadiusMeters movement within this distance of where the rep last stood is GPS noise, not movement
 * @param statusSweepInterval how often statuses are re-derived as time passes (IDLE and OFFLINE come without a ping)
 * @param conflationWindow position updates of a rep within this window after one was sent are merged, latest wins
 * @param maxQueuedMessages messages waiting for one WebSocket client; a client that falls further behind is closed
 *     with 1013
 * @param writeLinger after writing to a WebSocket client, how long the next messages for it may gather before they
 *     are written together: longer saves CPU under load, shorter saves latency. Alerts never wait for it, and a rep's
 *     positions are conflated over a window many times as long, so the map cannot show it; the system calls it
 *     saves (one write per connection and linger instead of four) are what keeps a busy server's alerts prompt
 * @param sendBuffer the socket send buffer ({@code SO_SNDBUF}) of each live WebSocket connection, 0 to leave it to
 *     the operating system: a modest one keeps a slow client's backlog in its outbox, where positions are merged
 *     and alerts pass, rather than in the kernel
 */
@Validated
@ConfigurationProperties("waymark.live")
public record LiveProperties(
        @DefaultValue("15m") @NotNull Duration idleAfter,
        @DefaultValue("10m") @NotNull Duration offlineAfter,
        @DefaultValue("30") @Min(1) @Max(1000) double noiseRadiusMeters,
        @DefaultValue("5s") @NotNull Duration statusSweepInterval,
        @DefaultValue("250ms") @NotNull Duration conflationWindow,
        @DefaultValue("8192") @Min(8) int maxQueuedMessages,
        @DefaultValue("16ms") @NotNull Duration writeLinger,
        @DefaultValue("256KB") @NotNull DataSize sendBuffer) {

    public LiveProperties {
        if (writeLinger != null && (writeLinger.isNegative() || writeLinger.compareTo(Duration.ofMillis(100)) > 0)) {
            throw new IllegalArgumentException("waymark.live.write-linger must be between 0 and 100ms");
        }
        if (sendBuffer != null && (sendBuffer.isNegative() || sendBuffer.compareTo(DataSize.ofMegabytes(64)) > 0)) {
            throw new IllegalArgumentException("waymark.live.send-buffer must be between 0 and 64MB");
        }
    }
}
