package io.waymark.activity.web;

import io.waymark.activity.internal.LoggedActivity;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Activities as CSV (RFC 4180): a header row, then one row per activity, CRLF line ends, a field quoted when it holds
 * a comma, a quote or a line break (quotes doubled). Times as ISO-8601 UTC, and {@code ts} also as epoch milliseconds.
 * A free-text field that a spreadsheet would take for a formula ({@code = + - @}, a tab or a carriage return first)
 * gets a leading {@code '}, so that opening the export never runs what a rep typed.
 */
final class ActivityCsv {

    /** The payload fields after the fixed columns, in this order. */
    private static final List<String> FIELDS = List.of(
            "outcome",
            "lat",
            "lon",
            "address",
            "contactName",
            "amount",
            "notes",
            "followUpAt",
            "leadId",
            "stage",
            "durationSec",
            "direction",
            "gps",
            "permission",
            "powerSave",
            "network",
            "battery");

    private static final Set<String> TIMES = Set.of("followUpAt");
    private static final Set<String> FREE_TEXT = Set.of("address", "contactName", "notes", "leadId", "stage");

    static final String HEADER =
            "id,repId,teamId,deviceId,type,time,ts," + String.join(",", FIELDS) + ",receivedAt\r\n";

    private final JsonMapper json;

    ActivityCsv(JsonMapper json) {
        this.json = json;
    }

    void append(StringBuilder csv, LoggedActivity activity) {
        JsonNode sent = json.readTree(activity.payload());
        field(csv, activity.id(), true).append(',');
        field(csv, activity.repId().toString(), false).append(',');
        field(csv, activity.teamId().toString(), false).append(',');
        field(csv, activity.deviceId().toString(), false).append(',');
        field(csv, activity.type(), false).append(',');
        field(csv, activity.ts().toString(), false).append(',');
        csv.append(activity.ts().toEpochMilli());
        for (String name : FIELDS) {
            csv.append(',');
            JsonNode value = sent.get(name);
            if (value == null || value.isNull()) {
                continue;
            }
            if (TIMES.contains(name) && value.isNumber()) {
                field(csv, Instant.ofEpochMilli(value.asLong()).toString(), false);
            } else {
                field(csv, value.isValueNode() ? value.asString() : value.toString(), FREE_TEXT.contains(name));
            }
        }
        csv.append(',');
        field(csv, activity.receivedAt().toString(), false).append("\r\n");
    }

    static StringBuilder field(StringBuilder csv, String value, boolean freeText) {
        String text = freeText && formulaLike(value) ? "'" + value : value;
        boolean quoted =
                text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
        if (!quoted) {
            return csv.append(text);
        }
        return csv.append('"').append(text.replace("\"", "\"\"")).append('"');
    }

    private static boolean formulaLike(String value) {
        if (value.isEmpty()) {
            return false;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
