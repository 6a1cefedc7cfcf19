package io.waymark.live.internal;

import java.nio.charset.StandardCharsets;

/**
 * One live WebSocket text frame, made once and sent as it is to every connection that receives it. It holds the
 * whole frame as it goes on the wire (RFC 6455: final text frame, unmasked as from a server, then the UTF-8
 * payload), so sending it to one more dashboard costs neither serialization nor encoding. Its bytes never change.
 */
public final class LiveFrame {

    private static final int FIN_TEXT = 0x81;

    private final byte[] wire;
    private final int headerLength;

    private LiveFrame(byte[] wire, int headerLength) {
        this.wire = wire;
        this.headerLength = headerLength;
    }

    public static LiveFrame of(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int length = payload.length;
        int headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
        byte[] wire = new byte[headerLength + length];
        wire[0] = (byte) FIN_TEXT;
        if (length < 126) {
            wire[1] = (byte) length;
        } else if (length < 65_536) {
            wire[1] = 126;
            wire[2] = (byte) (length >>> 8);
            wire[3] = (byte) length;
        } else {
            wire[1] = 127;
            long longLength = length;
            for (int i = 0; i < 8; i++) {
                wire[2 + i] = (byte) (longLength >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, wire, headerLength, length);
        return new LiveFrame(wire, headerLength);
    }

    /** The frame as it goes on the wire; shared, so callers only read it. */
    public byte[] wire() {
        return wire;
    }

    /** The payload's length in bytes. */
    public int payloadLength() {
        return wire.length - headerLength;
    }

    /** The text the frame carries. */
    public String text() {
        return new String(wire, headerLength, wire.length - headerLength, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return text();
    }
}
