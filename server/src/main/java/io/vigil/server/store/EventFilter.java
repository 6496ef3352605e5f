package io.vigil.server.store;

import io.vigil.server.platform.Dialect;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A query's conditions as a SQL condition over one partition plus its parameters, in order. Every
 * value, field names included, is a bound parameter; the SQL text holds only fixed fragments.
 *
 * @param sql the condition
 * @param params its parameters
 */
record EventFilter(String sql, List<Object> params) {

    /** The columns free text looks in. */
    static final List<String> TEXT_COLUMNS =
            List.of("command_line", "image", "parent_image", "target", "query_name", "user_name");

    EventFilter {
        params = Collections.unmodifiableList(new ArrayList<>(params));
    }

    static EventFilter of(EventQuery q, @Nullable Cursor after, Dialect dialect) {
        StringBuilder sql = new StringBuilder("event_time >= ? AND event_time < ?");
        List<Object> params = new ArrayList<>();
        params.add(q.from().toEpochMilli());
        params.add(q.to().toEpochMilli());
        if (after != null) {
            sql.append(" AND (event_time < ? OR (event_time = ? AND event_id < ?))");
            params.add(after.eventTime());
            params.add(after.eventTime());
            params.add(after.eventId());
        }
        in(sql, params, "asset", q.assets());
        in(sql, params, "category", q.categories());
        in(sql, params, "channel", q.channels());
        in(sql, params, "event_code", q.eventCodes());
        for (FieldPredicate p : q.where()) {
            String field = dialect == Dialect.POSTGRESQL ? "(fields ->> ?::text)" : "json_extract(fields, ?)";
            params.add(dialect == Dialect.POSTGRESQL ? p.field() : "$.\"" + p.field() + "\"");
            sql.append(" AND ");
            String value = p.value() == null ? "" : p.value();
            switch (p.op()) {
                case EXISTS -> sql.append(field).append(" IS NOT NULL");
                case EQUALS -> {
                    sql.append("lower(").append(field).append(") = lower(?)");
                    params.add(value);
                }
                case NOT_EQUALS -> {
                    // Absent fields count as "not equal"; the field expression is repeated, so is its parameter.
                    sql.append("(")
                            .append(field)
                            .append(" IS NULL OR lower(")
                            .append(field)
                            .append(") <> lower(?))");
                    params.add(params.getLast());
                    params.add(value);
                }
                case CONTAINS -> like(sql, params, field, "%" + escape(value) + "%");
                case STARTS_WITH -> like(sql, params, field, escape(value) + "%");
                case ENDS_WITH -> like(sql, params, field, "%" + escape(value));
            }
        }
        String text = q.text();
        if (text != null) {
            String pattern = "%" + escape(text) + "%";
            sql.append(" AND (");
            for (int i = 0; i < TEXT_COLUMNS.size(); i++) {
                sql.append(i == 0 ? "" : " OR ")
                        .append("lower(")
                        .append(TEXT_COLUMNS.get(i))
                        .append(") LIKE lower(?) ESCAPE '\\'");
                params.add(pattern);
            }
            sql.append(")");
        }
        return new EventFilter(sql.toString(), params);
    }

    private static void like(StringBuilder sql, List<Object> params, String field, String pattern) {
        sql.append("lower(").append(field).append(") LIKE lower(?) ESCAPE '\\'");
        params.add(pattern);
    }

    private static void in(StringBuilder sql, List<Object> params, String column, List<?> values) {
        if (values.isEmpty()) {
            return;
        }
        sql.append(" AND ").append(column).append(" IN (");
        for (int i = 0; i < values.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
            params.add(values.get(i));
        }
        sql.append(")");
    }

    /** Escapes LIKE's wildcards so the value matches literally. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
