package io.waymark.load;

import java.nio.charset.StandardCharsets;

/**
 * The fast path for the live WebSocket's {@code {"type":"alert","alert":{...}}} messages (contract §5, docs/live.md):
 * reads only the message type and the alert's {@code id}, {@code seq}, {@code kind}, {@code state}, {@code level} and
 * {@code repId} straight from the frame's bytes, as {@link RepMessage} does for {@code rep} messages and on the same
 * assumptions (a quote inside a string value is escaped, so {@code "kind":} can only be a key; no blank between a key
 * and its colon). The alert object is flat, so each key is looked for from the object's start.
 *
 * @param id the alert's id, or null
 * @param seq the alert event's seq, or {@link RepMessage#NO_TS} when it has none
 * @param kind {@code SOS}, {@code IDLE}, ..., or null
 * @param state {@code OPEN}, {@code ACKNOWLEDGED} or {@code RESOLVED}, or null
 * @param level the escalation level (1 when raised), or 0 when absent
 * @param repId the rep the alert is about, or null
 */
record AlertMessage(String id, long seq, String kind, String state, int level, String repId) {

    private static final byte[] TYPE = RepMessage.key("type");
    private static final byte[] ALERT_TYPE = "\"alert\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ALERT = RepMessage.key("alert");
    private static final byte[] ID = RepMessage.key("id");
    private static final byte[] SEQ = RepMessage.key("seq");
    private static final byte[] KIND = RepMessage.key("kind");
    private static final byte[] STATE = RepMessage.key("state");
    private static final byte[] LEVEL = RepMessage.key("level");
    private static final byte[] REP_ID = RepMessage.key("repId");

    /** The message in its first raise: open, at the ladder's first level. */
    boolean raised() {
        return "OPEN".equals(state) && level == 1;
    }

    /** The alert message in {@code frame}, or null for another type. */
    static AlertMessage parse(byte[] frame) {
        return parse(frame, frame.length);
    }

    /** The alert message in the first {@code length} bytes of {@code frame}, or null for another type. */
    static AlertMessage parse(byte[] frame, int length) {
        int to = length;
        int type = RepMessage.valueAfter(frame, TYPE, 0, to);
        if (type < 0 || !RepMessage.startsWith(frame, type, to, ALERT_TYPE)) {
            return null;
        }
        int alert = RepMessage.valueAfter(frame, ALERT, 0, to);
        if (alert < 0 || frame[alert] != '{') {
            return null;
        }
        int seq = RepMessage.valueAfter(frame, SEQ, alert, to);
        int level = RepMessage.valueAfter(frame, LEVEL, alert, to);
        long levelValue = level < 0 ? RepMessage.NO_TS : RepMessage.number(frame, level, to);
        return new AlertMessage(
                string(frame, ID, alert, to),
                seq < 0 ? RepMessage.NO_TS : RepMessage.number(frame, seq, to),
                string(frame, KIND, alert, to),
                string(frame, STATE, alert, to),
                levelValue == RepMessage.NO_TS ? 0 : (int) levelValue,
                string(frame, REP_ID, alert, to));
    }

    /** Parses a message given as text (tests). */
    static AlertMessage parse(String json) {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The string value of {@code key} after {@code from}: ids and enum names, which hold no escapes; else null. */
    private static String string(byte[] frame, byte[] key, int from, int to) {
        int at = RepMessage.valueAfter(frame, key, from, to);
        if (at < 0 || frame[at] != '"') {
            return null;
        }
        int end = RepMessage.indexOf(frame, (byte) '"', at + 1, to);
        return end > at ? new String(frame, at + 1, end - at - 1, StandardCharsets.US_ASCII) : null;
    }
}
