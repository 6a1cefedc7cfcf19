package io.waymark.protocol;

/**
 * The answer to {@code device.hello}.
 *
 * @param serverTime the server's clock, epoch milliseconds
 * @param lastSeq the highest seq stored for this device, 0 when none
 * @param pingIntervalMs how often the server would like a fix
 * @param tracking the team's privacy policy: {@code SHIFT_ONLY} or {@code ALWAYS}
 * @param onShift whether the rep is clocked in now
 */
public record Hello(
        String deviceId,
        String repId,
        String teamId,
        long serverTime,
        long lastSeq,
        long pingIntervalMs,
        String tracking,
        boolean onShift) {}
