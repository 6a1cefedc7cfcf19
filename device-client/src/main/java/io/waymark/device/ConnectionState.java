package io.waymark.device;

/** Where a {@link WaymarkDevice}'s connection stands. */
public enum ConnectionState {
    /** {@link WaymarkDevice#start()} was not called yet. */
    STOPPED,
    /** Opening a connection (or re-opening one after a backoff). */
    CONNECTING,
    /** Connected and greeted ({@code device.hello} answered): the buffer is being sent. */
    CONNECTED,
    /** The connection was lost; the device will reconnect after a backoff. */
    DISCONNECTED,
    /** The server refused the token (REJECTED_SETUP): terminal, the device does not retry. */
    REJECTED,
    /** {@link WaymarkDevice#close()} was called: terminal. */
    CLOSED;

    /** True for states the device never leaves. */
    public boolean isTerminal() {
        return this == REJECTED || this == CLOSED;
    }
}
