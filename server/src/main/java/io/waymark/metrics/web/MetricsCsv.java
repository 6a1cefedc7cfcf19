package io.waymark.metrics.web;

import java.util.List;
import java.util.Map;

/**
 * A report table as CSV (RFC 4180): a header row of the columns, then one row per entry, CRLF line ends, a field
 * quoted when it holds a comma, a quote or a line break; an undefined value is an empty field. A name that a
 * spreadsheet would take for a formula gets a leading {@code '}.
 */
final class MetricsCsv {

    private MetricsCsv() {}

    static String of(List<Map<String, Object>> rows) {
        StringBuilder csv = new StringBuilder();
        if (rows.isEmpty()) {
            return csv.toString();
        }
        List<String> columns = List.copyOf(rows.get(0).keySet());
        csv.append(String.join(",", columns)).append("\r\n");
        for (Map<String, Object> row : rows) {
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    csv.append(',');
                }
                Object value = row.get(columns.get(i));
                if (value != null) {
                    field(csv, value.toString(), value instanceof String);
                }
            }
            csv.append("\r\n");
        }
        return csv.toString();
    }

    private static void field(StringBuilder csv, String value, boolean text) {
        String safe = text && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            csv.append('"').append(safe.replace("\"", "\"\"")).append('"');
        } else {
            csv.append(safe);
        }
    }
}
