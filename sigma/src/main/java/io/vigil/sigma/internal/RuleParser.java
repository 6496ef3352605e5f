package io.vigil.sigma.internal;

import io.vigil.sigma.LogSource;
import io.vigil.sigma.RuleKind;
import io.vigil.sigma.RuleMetadata;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Validates rule documents and compiles them into {@link ParsedRule}s. Use one instance per file:
 * it remembers a legacy {@code action: global} collection across the file's documents.
 */
public final class RuleParser {
    private static final Set<String> LEVELS = Set.of("informational", "low", "medium", "high", "critical");
    private static final Set<String> STATUSES = Set.of("stable", "test", "experimental", "deprecated", "unsupported");

    private final DetectionCompiler detections;
    private final CorrelationParser correlations = new CorrelationParser();
    private boolean legacyCollection;

    public RuleParser(Map<String, List<String>> placeholders) {
        this.detections = new DetectionCompiler(placeholders);
    }

    /** Parses a document; returns {@code null} when it is refused (the reasons are in problems). */
    public @Nullable ParsedRule parse(YNode root, int index, Problems problems) {
        if (!(root instanceof YNode.YMap doc)) {
            problems.add(root.line(), "a rule document must be a map");
            return null;
        }
        if (legacyCollection && doc.get("action") == null) {
            problems.add(
                    doc.line(),
                    "document of a legacy rule collection ('action: global' earlier in the file)"
                            + " is not supported in Sigma 2: write one complete rule per document");
            return null;
        }
        if (doc.get("action") != null) {
            legacyCollection = true;
            problems.add(
                    doc.lineOf("action"),
                    "legacy rule collection ('action: " + text(doc.get("action"))
                            + "') is not supported in Sigma 2: write one complete rule per document");
            return null;
        }
        RuleKind kind = doc.get("correlation") != null
                ? RuleKind.CORRELATION
                : doc.get("filter") != null ? RuleKind.FILTER : RuleKind.DETECTION;
        RuleMetadata meta = metadata(doc, kind, index, problems);
        ParsedRule rule = switch (kind) {
            case DETECTION -> detection(doc, meta, problems);
            case FILTER -> filter(doc, meta, problems);
            case CORRELATION -> {
                CorrelationSpec spec = correlations.parse(doc, problems);
                yield spec == null || !problems.isEmpty() ? null : new ParsedRule.Correlation(meta, spec);
            }
        };
        if ("unsupported".equals(meta.status())) {
            problems.add(
                    doc.lineOf("status"),
                    "status 'unsupported': the rule's author marks its logic as"
                            + " unsupported (not expressible in Sigma 2), so it is refused");
            return null;
        }
        return rule;
    }

    private @Nullable ParsedRule detection(YNode.YMap doc, RuleMetadata meta, Problems problems) {
        if (!(doc.get("logsource") instanceof YNode.YMap)) {
            problems.add(doc.line(), "the rule needs a 'logsource' map");
        }
        if (!(doc.get("detection") instanceof YNode.YMap section)) {
            problems.add(doc.line(), "the rule needs a 'detection' map");
            return null;
        }
        CompiledDetection d = detections.compile(section, List.of("condition"), problems);
        return d == null || !problems.isEmpty() ? null : new ParsedRule.Detection(meta, d);
    }

    private @Nullable ParsedRule filter(YNode.YMap doc, RuleMetadata meta, Problems problems) {
        if (!(doc.get("filter") instanceof YNode.YMap section)) {
            problems.add(doc.lineOf("filter"), "'filter' must be a map with 'rules', selections and 'condition'");
            return null;
        }
        List<String> rules = strings(section.get("rules"), "rules", section.lineOf("rules"), problems);
        if (rules.isEmpty()) {
            problems.add(section.lineOf("rules"), "a filter needs 'rules': the ids or names it applies to");
        }
        CompiledDetection d = detections.compile(section, List.of("condition", "rules"), problems);
        return d == null || !problems.isEmpty() ? null : new ParsedRule.Filter(meta, rules, d);
    }

    private static RuleMetadata metadata(YNode.YMap doc, RuleKind kind, int index, Problems problems) {
        String title = text(doc.get("title"));
        if (title == null || title.isBlank()) {
            problems.add(doc.line(), "the rule needs a 'title'");
            title = "";
        }
        String name = text(doc.get("name"));
        String id = text(doc.get("id"));
        if (id == null || id.isBlank()) {
            id = name != null ? name : problems.file() + "#" + (index + 1);
        }
        String level = lower(text(doc.get("level")));
        if (level != null && !LEVELS.contains(level)) {
            problems.add(doc.lineOf("level"), "unknown level '" + level + "': use one of " + LEVELS);
        }
        String status = lower(text(doc.get("status")));
        if (status != null && !STATUSES.contains(status)) {
            problems.add(doc.lineOf("status"), "unknown status '" + status + "': use one of " + STATUSES);
        }
        checkDate(doc, "date", problems);
        checkDate(doc, "modified", problems);
        LogSource logSource = new LogSource(null, null, null);
        if (doc.get("logsource") instanceof YNode.YMap ls) {
            logSource = new LogSource(text(ls.get("product")), text(ls.get("category")), text(ls.get("service")));
        }
        return new RuleMetadata(
                id,
                name,
                kind,
                title,
                status,
                level,
                text(doc.get("description")),
                text(doc.get("author")),
                strings(doc.get("tags"), "tags", doc.lineOf("tags"), problems),
                strings(doc.get("references"), "references", doc.lineOf("references"), problems),
                strings(doc.get("falsepositives"), "falsepositives", doc.lineOf("falsepositives"), problems),
                strings(doc.get("fields"), "fields", doc.lineOf("fields"), problems),
                logSource,
                problems.file(),
                doc.line());
    }

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern SIGMA1_DATE = Pattern.compile("\\d{4}/\\d{2}/\\d{2}");

    /**
     * {@code date} and {@code modified} must be ISO 8601 dates ({@code YYYY-MM-DD}), as the Sigma 2
     * specification says. The Sigma 1 form {@code YYYY/MM/DD} marks a rule written for Sigma 1 (all of
     * SigmaHQ's {@code unsupported/} and most of {@code deprecated/}), which is refused.
     */
    private static void checkDate(YNode.YMap doc, String key, Problems problems) {
        String value = text(doc.get(key));
        if (value == null) {
            return;
        }
        if (SIGMA1_DATE.matcher(value).matches()) {
            problems.add(
                    doc.lineOf(key),
                    "'" + key + ": " + value + "' uses the Sigma 1 date format YYYY/MM/DD, not supported in Sigma 2:"
                            + " write " + value.replace('/', '-') + " (ISO 8601) and check the rule against Sigma 2");
            return;
        }
        boolean valid = ISO_DATE.matcher(value).matches();
        if (valid) {
            try {
                LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                valid = false;
            }
        }
        if (!valid) {
            problems.add(doc.lineOf(key), "'" + key + ": " + value + "' is not an ISO 8601 date: use YYYY-MM-DD");
        }
    }

    private static @Nullable String lower(@Nullable String s) {
        return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
    }

    static @Nullable String text(@Nullable YNode node) {
        return node instanceof YNode.YScalar s && s.value() != null ? s.text() : null;
    }

    /** A string or a list of strings; anything else is a problem. */
    static List<String> strings(@Nullable YNode node, String key, int line, Problems problems) {
        List<String> out = new ArrayList<>();
        switch (node) {
            case null -> {}
            case YNode.YScalar s -> {
                if (s.value() != null) {
                    out.add(s.text());
                }
            }
            case YNode.YList list -> {
                for (YNode item : list.items()) {
                    if (item instanceof YNode.YScalar s && s.value() != null) {
                        out.add(s.text());
                    } else {
                        problems.add(item.line(), "'" + key + "' must list plain values");
                    }
                }
            }
            case YNode.YMap map -> problems.add(line, "'" + key + "' must be a value or a list, not a map");
        }
        return out;
    }
}
