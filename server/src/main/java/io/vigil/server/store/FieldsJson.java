package io.vigil.server.store;

import io.vigil.telemetry.FieldMap;
import java.util.Map;

/**
 * Writes an event's fields as a JSON object. The write path's hottest step after SQLite itself, so
 * hand-written for the one shape it has (string keys, string values): runs of plain characters are
 * copied whole, and only quotes, backslashes and control characters are escaped.
 */
final class FieldsJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private FieldsJson() {}

    static String write(Map<String, String> fields) {
        if (fields instanceof FieldMap map) {
            return write(map);
        }
        int size = 2;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            size += e.getKey().length() + e.getValue().length() + 6;
        }
        StringBuilder out = new StringBuilder(size + (size >> 3));
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, e.getKey());
            out.append(':');
            string(out, e.getValue());
        }
        return out.append('}').toString();
    }

    /** The same for the fields of a {@link io.vigil.telemetry.CanonicalEvent}, by index (no entry objects). */
    private static String write(FieldMap fields) {
        int n = fields.size();
        int size = 2;
        for (int i = 0; i < n; i++) {
            size += fields.name(i).length() + value(fields, i).length() + 6;
        }
        StringBuilder out = new StringBuilder(size + (size >> 3));
        out.append('{');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(',');
            }
            string(out, fields.name(i));
            out.append(':');
            string(out, value(fields, i));
        }
        return out.append('}').toString();
    }

    private static String value(FieldMap fields, int i) {
        String value = fields.valueAt(i);
        return value == null ? "" : value;
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        int plain = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, plain, i);
            plain = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append(s, plain, s.length()).append('"');
    }
}
