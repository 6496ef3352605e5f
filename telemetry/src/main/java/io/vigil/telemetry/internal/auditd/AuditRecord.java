package io.vigil.telemetry.internal.auditd;

import io.vigil.telemetry.internal.MalformedRecordException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One line of an audit log: {@code [node=N] type=T msg=audit(SECONDS.MILLIS:SERIAL): key=value …}.
 * Values may be double-quoted, single-quoted ({@code msg='…'}, whose content is split into pairs too)
 * or bare.
 *
 * @param node the {@code node=} prefix, or empty
 * @param type the record type, e.g. {@code SYSCALL}
 * @param timestamp seconds.millis as written
 * @param serial the event serial
 * @param values the key/value pairs in order, quotes removed
 * @param bare the keys whose value was not quoted (for text fields: hex-encoded)
 * @param line the line as read
 * @param lineNumber its 1-based number
 */
record AuditRecord(
        String node,
        String type,
        String timestamp,
        String serial,
        Map<String, String> values,
        Set<String> bare,
        String line,
        long lineNumber) {

    /** Parses a line. */
    static AuditRecord parse(String line, long lineNumber) {
        Map<String, String> pairs = new LinkedHashMap<>();
        Set<String> bare = new HashSet<>();
        split(line, pairs, bare);
        String type = pairs.remove("type");
        String msg = pairs.remove("msg");
        if (type == null || msg == null || !msg.startsWith("audit(")) {
            throw new MalformedRecordException("not an audit record: expected 'type=… msg=audit(…):'");
        }
        int colon = msg.indexOf(':');
        int close = msg.indexOf(')');
        if (colon < 0 || close < colon) {
            throw new MalformedRecordException("malformed audit(time:serial) stamp");
        }
        String timestamp = msg.substring(6, colon);
        String serial = msg.substring(colon + 1, close);
        if (!timestamp.matches("\\d{1,12}(\\.\\d{1,9})?") || !serial.matches("\\d{1,20}")) {
            throw new MalformedRecordException("malformed audit(time:serial) stamp");
        }
        String node = pairs.getOrDefault("node", "");
        pairs.remove("node");
        return new AuditRecord(node, type, timestamp, serial, pairs, Set.copyOf(bare), line, lineNumber);
    }

    /**
     * A value as text: bare values of text keys (and of EXECVE arguments) are hex-decoded, NUL
     * separators becoming spaces.
     */
    String text(String key) {
        String value = values.getOrDefault(key, "");
        if (bare.contains(key) && AuditValues.isHex(value) && (AuditValues.isTextKey(key) || type.equals("EXECVE"))) {
            return AuditValues.decodeArgs(value);
        }
        return value;
    }

    /** Event identity within a log: time stamp and serial. */
    String key() {
        return node + "|" + timestamp + ":" + serial;
    }

    private static void split(String text, Map<String, String> pairs, Set<String> bare) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            int eq = text.indexOf('=', i);
            int space = text.indexOf(' ', i);
            if (eq < 0 || (space >= 0 && space < eq)) {
                i = space < 0 ? n : space + 1;
                continue;
            }
            String key = text.substring(i, eq);
            i = eq + 1;
            String value;
            if (i < n && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
                char quote = text.charAt(i);
                int end = text.indexOf(quote, i + 1);
                end = end < 0 ? n : end;
                value = text.substring(i + 1, end);
                i = end + 1;
                if (quote == '\'' && key.equals("msg")) {
                    split(value, pairs, bare);
                    continue;
                }
            } else {
                int end = text.indexOf(' ', i);
                end = end < 0 ? n : end;
                value = text.substring(i, end);
                i = end;
                if (!pairs.containsKey(key)) {
                    bare.add(key);
                }
            }
            if (key.equals("msg") && value.startsWith("audit(") && value.endsWith(":")) {
                value = value.substring(0, value.length() - 1);
            }
            pairs.putIfAbsent(key, value);
        }
    }
}
