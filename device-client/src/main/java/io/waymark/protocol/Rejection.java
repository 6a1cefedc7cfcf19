package io.waymark.protocol;

/**
 * A ping of a batch that failed validation and was not stored.
 *
 * @param index its position in the batch
 * @param seq its seq, null when it had none usable
 * @param reason one of {@link RejectionReason}'s names
 */
public record Rejection(int index, Long seq, String reason) {}
