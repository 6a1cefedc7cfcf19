package io.waymark.live.web;

import io.waymark.live.internal.LiveFrame;

/** Where one dashboard's frames wait to be written: bounded, and never waiting on the client. */
interface LiveOutbox {

    /** Queues a frame for the client; false, queueing nothing, when the client is too far behind to take more. */
    boolean offer(LiveFrame frame);

    /** Stops writing; frames still queued are dropped. */
    void close();
}
