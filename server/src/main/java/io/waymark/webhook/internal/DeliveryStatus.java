package io.waymark.webhook.internal;

/** Where one attempt to deliver an alert event to a webhook stands. */
public enum DeliveryStatus {
    /** Waiting for its time ({@code nextAttemptAt}) or in flight. */
    PENDING,
    /** The webhook answered 2xx. */
    DELIVERED,
    /** Failed (another status, a timeout, a connection error); the next attempt is its own PENDING entry. */
    FAILED,
    /** The last attempt failed, or the webhook was deleted before it was made: no more attempts. */
    GAVE_UP
}
