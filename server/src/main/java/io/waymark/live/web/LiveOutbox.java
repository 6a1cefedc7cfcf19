package io.waymark.live.web;

import io.waymark.live.internal.LiveFrame;

/**
 * Where one dashboard's frames wait to be written: bounded, and never waiting on the client. Offers come from any
 * thread but never two at once (the connection makes them under its monitor); the frames are written meanwhile.
 */
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

    /**
     * Queues a rep's position frame ({@link Order#PASSABLE}), or, when a position frame of the same rep still waits
     * with no other frame but position and urgent ones queued after it, puts this one in its place (latest wins),
     * which takes no more room. False, queueing nothing, when the client is too far behind to take more.
     *
     * @param slot the board's slot for the rep
     */
    boolean offerPosition(int slot, LiveFrame frame);

    /**
     * Queues a frame about one rep (an activity), {@link Order#PASSABLE}: it seals only that rep's waiting position,
     * so the rep's later positions queue behind it, while other reps' positions may still be replaced in place. False,
     * queueing nothing, when the client is too far behind to take more.
     *
     * @param slot the board's slot for the rep
     */
    boolean offerAbout(int slot, LiveFrame frame);

    /** Stops writing; frames still queued are dropped. */
    void close();
}
