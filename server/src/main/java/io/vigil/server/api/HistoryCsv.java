package io.vigil.server.api;

import io.vigil.server.incident.HistoryRecord;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An incident history as CSV (RFC 4180: every value quoted, quotes doubled). Values that a
 * spreadsheet would run as a formula ({@code = + - @}, tab, CR) get a leading apostrophe.
 */
final class HistoryCsv {

    private HistoryCsv() {}

    static String write(List<HistoryRecord> lines) {
        StringBuilder b = new StringBuilder(
                "seq,changed_at,changed_by,actor_kind,entity,entity_id,operation,field,before,after\r\n");
        for (HistoryRecord r : lines) {
            b.append(r.seq()).append(',');
            cell(b, r.changedAt().toString()).append(',');
            cell(b, r.changedBy()).append(',');
            cell(b, r.actorKind()).append(',');
            cell(b, r.entity()).append(',');
            cell(b, r.entityId()).append(',');
            cell(b, r.operation()).append(',');
            cell(b, r.field()).append(',');
            cell(b, r.before()).append(',');
            cell(b, r.after()).append("\r\n");
        }
        return b.toString();
    }

    private static StringBuilder cell(StringBuilder b, @Nullable String value) {
        if (value == null) {
            return b;
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return b.append('"').append(v.replace("\"", "\"\"")).append('"');
    }
}
