package io.waymark.live.web;

import io.waymark.live.internal.LiveFrame;

/** Where one dashboard's frames wait to be written: bounded, and never waiting on the client. */
interface LiveOutbox {

    /** How a frame keeps its place among those waiting. */
    enum Order {
        /** A rep change or an activity: a later {@link #URGENT} frame may go before it. */
        PASSABLE,
        /** A snapshot, a replay, an error: nothing offered after it goes before it. */
        KEPT,
        /**
         * A live alert event: goes before the {@link #PASSABLE} frames that wait, never before a {@link #KEPT} one
         * nor an earlier urgent one.
         */
        URGENT
    }

    /**
     * Queues a frame for the client, in its order; false, queueing nothing, when the client is too far behind to take
     * more.
     */
    boolean offer(LiveFrame frame, Order order);

    /** Queues a frame that later urgent frames may pass. */
    default boolean offer(LiveFrame frame) {
        return offer(frame, Order.PASSABLE);
    }

    /** Stops writing; frames still queued are dropped. */
    void close();
}
