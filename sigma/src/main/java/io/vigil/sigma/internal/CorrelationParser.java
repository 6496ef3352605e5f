package io.vigil.sigma.internal;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Validates the {@code correlation} section of a correlation rule. */
final class CorrelationParser {
    private static final Pattern TIMESPAN = Pattern.compile("(\\d+)([smhdwMy])");

    @Nullable
    CorrelationSpec parse(YNode.YMap doc, Problems problems) {
        if (!(doc.get("correlation") instanceof YNode.YMap c)) {
            problems.add(doc.lineOf("correlation"), "'correlation' must be a map");
            return null;
        }
        String typeText = RuleParser.text(c.get("type"));
        CorrelationSpec.Type type = null;
        try {
            type = typeText == null ? null : CorrelationSpec.Type.valueOf(typeText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            type = null;
        }
        if (type == null) {
            problems.add(
                    c.lineOf("type"),
                    "unknown correlation type '" + typeText + "': use event_count,"
                            + " value_count, temporal, temporal_ordered, value_sum, value_avg or value_percentile");
        }
        List<String> rules = RuleParser.strings(c.get("rules"), "rules", c.lineOf("rules"), problems);
        if (rules.isEmpty()) {
            problems.add(c.lineOf("rules"), "a correlation needs 'rules': the ids or names it correlates");
        }
        List<String> groupBy = RuleParser.strings(c.get("group-by"), "group-by", c.lineOf("group-by"), problems);
        Duration timespan = timespan(RuleParser.text(c.get("timespan")), c.lineOf("timespan"), problems);
        Map<Comparison, Double> conditions = new EnumMap<>(Comparison.class);
        String field = null;
        if (c.get("condition") instanceof YNode.YMap cond) {
            for (Map.Entry<String, YNode> e : cond.entries().entrySet()) {
                String key = e.getKey();
                if (key.equals("field")) {
                    field = RuleParser.text(e.getValue());
                    continue;
                }
                Comparison op = comparison(key);
                Double bound = RuleParser.text(e.getValue()) == null ? null : number(RuleParser.text(e.getValue()));
                if (op == null || bound == null) {
                    problems.add(
                            cond.lineOf(key),
                            "correlation condition '" + key + "' needs one of gt, gte, lt,"
                                    + " lte, eq, neq with a number");
                } else {
                    conditions.put(op, bound);
                }
            }
        } else if (type != null && !type.isTemporal()) {
            problems.add(c.lineOf("condition"), "a " + typeText + " correlation needs a 'condition' map");
        }
        if (type != null && type.needsField() && field == null) {
            problems.add(c.lineOf("condition"), "a " + typeText + " correlation needs 'field' in its condition");
        }
        Map<String, Map<String, String>> aliases = aliases(c.get("aliases"), problems);
        boolean generate = (doc.get("generate") instanceof YNode.YScalar g && Boolean.TRUE.equals(g.value()))
                || (c.get("generate") instanceof YNode.YScalar g2 && Boolean.TRUE.equals(g2.value()));
        if (type == null || timespan == null) {
            return null;
        }
        return new CorrelationSpec(type, rules, groupBy, timespan, conditions, field, aliases, generate);
    }

    private static @Nullable Comparison comparison(String key) {
        return switch (key) {
            case "gt" -> Comparison.GT;
            case "gte" -> Comparison.GTE;
            case "lt" -> Comparison.LT;
            case "lte" -> Comparison.LTE;
            case "eq" -> Comparison.EQ;
            case "neq" -> Comparison.NEQ;
            default -> null;
        };
    }

    private static @Nullable Double number(@Nullable String s) {
        try {
            return s == null ? null : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static @Nullable Duration timespan(@Nullable String text, int line, Problems problems) {
        Matcher m = text == null ? null : TIMESPAN.matcher(text.trim());
        if (m == null || !m.matches()) {
            problems.add(line, "correlation needs a 'timespan' like 30s, 5m, 1h or 1d, not '" + text + "'");
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            case "M" -> Duration.ofDays(30 * n);
            default -> Duration.ofDays(365 * n);
        };
    }

    private static Map<String, Map<String, String>> aliases(@Nullable YNode node, Problems problems) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        if (!(node instanceof YNode.YMap map)) {
            problems.add(node.line(), "'aliases' must map alias names to {rule: field}");
            return out;
        }
        for (Map.Entry<String, YNode> e : map.entries().entrySet()) {
            Map<String, String> perRule = new LinkedHashMap<>();
            if (e.getValue() instanceof YNode.YMap m) {
                m.entries().forEach((rule, f) -> perRule.put(rule, String.valueOf(RuleParser.text(f))));
            } else {
                problems.add(map.lineOf(e.getKey()), "alias '" + e.getKey() + "' must map rule names to fields");
            }
            out.put(e.getKey(), Map.copyOf(perRule));
        }
        return out;
    }
}
