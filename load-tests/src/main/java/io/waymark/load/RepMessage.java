package io.waymark.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * The fast path for the live WebSocket's {@code {"type":"rep","rep":{...}}} messages (contract §5): reads only the
 * message type, {@code rep.repId} and {@code rep.ts} straight from the frame's bytes, without building a tree or
 * decoding the rest. Relies on what JSON is: a quote inside a string value is escaped, so {@code "ts":} can only be
 * a key; and on what the server writes: no blank between a key and its colon (blanks after the colon are fine).
 *
 * @param repId the rep's id
 * @param ts the fix time of the rep's latest ping, epoch milliseconds, or {@link #NO_TS} when it has none
 */
record RepMessage(String repId, long ts) {

    static final long NO_TS = Long.MIN_VALUE;

    private static final byte[] TYPE = key("type");
    private static final byte[] REP_TYPE = "\"rep\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REP = key("rep");
    private static final byte[] REP_ID = key("repId");
    private static final byte[] TS = key("ts");

    /**
     * The rep message in {@code frame} (its readable bytes, left unread), or null for another type. The bytes are
     * copied once into an array and scanned there: reading a buffer byte by byte costs an access check each time.
     */
    static RepMessage parse(ByteBuf frame) {
        return parse(ByteBufUtil.getBytes(frame));
    }

    static RepMessage parse(byte[] frame) {
        return parse(frame, frame.length);
    }

    /** The rep message in the first {@code length} bytes of {@code frame} (a buffer reused frame after frame). */
    static RepMessage parse(byte[] frame, int length) {
        int rep = repAt(frame, length);
        if (rep < 0) {
            return null;
        }
        long id = idRange(frame, rep, length);
        String repId = id < 0 ? null : new String(frame, (int) (id >>> 32), (int) id, StandardCharsets.US_ASCII);
        return new RepMessage(repId, ts(frame, rep, length));
    }

    /**
     * A rep message read for measuring: its rep numbered by {@code reps} straight from the frame's bytes (no
     * {@code String} made), {@link Numbered#NO_REP} when it has no {@code repId}.
     */
    record Numbered(int rep, long ts) {

        static final int NO_REP = -1;
    }

    /** {@link #parse(byte[], int)} with the rep id numbered by {@code reps}; null for another type. */
    static Numbered parse(byte[] frame, int length, RepIndex reps) {
        int rep = repAt(frame, length);
        if (rep < 0) {
            return null;
        }
        long id = idRange(frame, rep, length);
        int number = id < 0 ? Numbered.NO_REP : reps.of(frame, (int) (id >>> 32), (int) (id >>> 32) + (int) id);
        return new Numbered(number, ts(frame, rep, length));
    }

    /** Where the {@code rep} object's value starts in a {@code rep} message, or -1 for another message. */
    private static int repAt(byte[] frame, int to) {
        int type = valueAfter(frame, TYPE, 0, to);
        if (type < 0 || !startsWith(frame, type, to, REP_TYPE)) {
            return -1;
        }
        return valueAfter(frame, REP, 0, to);
    }

    /** The rep id's start (high int) and length (low int) within the rep object, or -1. */
    private static long idRange(byte[] frame, int rep, int to) {
        int id = valueAfter(frame, REP_ID, rep, to);
        if (id >= 0 && frame[id] == '"') {
            int end = indexOf(frame, (byte) '"', id + 1, to);
            if (end > id) {
                return ((long) (id + 1) << 32) | (end - id - 1);
            }
        }
        return -1;
    }

    private static long ts(byte[] frame, int rep, int to) {
        int ts = valueAfter(frame, TS, rep, to);
        return ts < 0 ? NO_TS : number(frame, ts, to);
    }

    /** Parses a message given as text (tests, and the odd frame that is not in one buffer). */
    static RepMessage parse(String json) {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Where the value of {@code key} (given as {@code "name":}) starts after optional blanks, or -1. */
    static int valueAfter(byte[] buf, byte[] key, int from, int to) {
        int at = find(buf, key, from, to);
        if (at < 0) {
            return -1;
        }
        int i = at + key.length;
        while (i < to && isBlank(buf[i])) {
            i++;
        }
        return i < to ? i : -1;
    }

    /** A non-negative integer at {@code at}, or {@link #NO_TS} for {@code null} or anything else. */
    static long number(byte[] buf, int at, int to) {
        long value = 0;
        int i = at;
        while (i < to) {
            byte b = buf[i];
            if (b < '0' || b > '9') {
                break;
            }
            value = value * 10 + (b - '0');
            i++;
        }
        if (i == at) {
            return NO_TS;
        }
        if (i < to) {
            byte next = buf[i];
            if (next == '.' || next == 'e' || next == 'E') {
                return NO_TS;
            }
        }
        return value;
    }

    /** The first {@code needle} in {@code [from, to)}. */
    private static int find(byte[] buf, byte[] needle, int from, int to) {
        int last = to - needle.length;
        byte first = needle[0];
        outer:
        for (int i = from; i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int k = 1; k < needle.length; k++) {
                if (buf[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static int indexOf(byte[] buf, byte value, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == value) {
                return i;
            }
        }
        return -1;
    }

    static boolean startsWith(byte[] buf, int at, int to, byte[] prefix) {
        if (to - at < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (buf[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    static byte[] key(String name) {
        return ("\"" + name + "\":").getBytes(StandardCharsets.US_ASCII);
    }
}
