package io.vigil.sigma.internal;

import io.vigil.sigma.LogSource;
import io.vigil.sigma.LogSourceVariant;
import io.vigil.sigma.RuleProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a log source mapping file. */
public final class LogSourceMappingReader {
    private LogSourceMappingReader() {}

    public static Map<LogSource, List<LogSourceVariant>> read(String file, String yaml, List<RuleProblem> out) {
        Problems problems = new Problems(file);
        Map<LogSource, List<LogSourceVariant>> entries = new LinkedHashMap<>();
        for (YamlDocuments.Document doc : YamlDocuments.read(file, yaml, out)) {
            if (!(doc.root() instanceof YNode.YMap root) || !(root.get("mappings") instanceof YNode.YList list)) {
                problems.add(doc.line(), "a mapping file needs a 'mappings' list");
                continue;
            }
            for (YNode item : list.items()) {
                if (!(item instanceof YNode.YMap entry)) {
                    problems.add(item.line(), "each mapping must be a map");
                    continue;
                }
                LogSource key = new LogSource(
                        RuleParser.text(entry.get("product")),
                        RuleParser.text(entry.get("category")),
                        RuleParser.text(entry.get("service")));
                entries.put(key, variants(entry, problems));
            }
        }
        out.addAll(problems.list());
        return entries;
    }

    private static List<LogSourceVariant> variants(YNode.YMap entry, Problems problems) {
        List<LogSourceVariant> variants = new ArrayList<>();
        if (!(entry.get("variants") instanceof YNode.YList list)) {
            problems.add(entry.line(), "a mapping needs a 'variants' list");
            return variants;
        }
        for (YNode v : list.items()) {
            if (!(v instanceof YNode.YMap variant)) {
                problems.add(v.line(), "each variant must be a map");
                continue;
            }
            Map<String, List<String>> conditions = new LinkedHashMap<>();
            if (variant.get("conditions") instanceof YNode.YMap c) {
                c.entries()
                        .forEach((field, values) ->
                                conditions.put(field, RuleParser.strings(values, field, c.lineOf(field), problems)));
            }
            Map<String, String> renames = new LinkedHashMap<>();
            if (variant.get("fields") instanceof YNode.YMap f) {
                f.entries().forEach((from, to) -> {
                    String target = RuleParser.text(to);
                    if (target != null) {
                        renames.put(from, target);
                    }
                });
            }
            variants.add(new LogSourceVariant(conditions, renames));
        }
        return variants;
    }
}
