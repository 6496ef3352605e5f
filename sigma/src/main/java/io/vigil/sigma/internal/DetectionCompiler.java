package io.vigil.sigma.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Compiles a {@code detection} (or a filter's {@code filter}) section. */
final class DetectionCompiler {
    private final ValueCompiler values;

    DetectionCompiler(Map<String, List<String>> placeholders) {
        this.values = new ValueCompiler(placeholders);
    }

    /**
     * Compiles the section; reports every problem and returns {@code null} if there was any.
     *
     * @param reserved keys that are not search identifiers (e.g. {@code condition}, {@code rules})
     */
    @Nullable
    CompiledDetection compile(YNode.YMap section, List<String> reserved, Problems problems) {
        int before = problems.list().size();
        List<String> names = new ArrayList<>();
        List<SelectionMatcher> selections = new ArrayList<>();
        for (Map.Entry<String, YNode> e : section.entries().entrySet()) {
            String name = e.getKey();
            if (reserved.contains(name)) {
                continue;
            }
            int line = section.lineOf(name);
            if (name.equals("timeframe")) {
                problems.add(
                        line,
                        "'timeframe' in detection is legacy aggregation syntax, not supported in Sigma 2:"
                                + " use a correlation rule");
                continue;
            }
            SelectionMatcher m = selection(name, e.getValue(), line, problems);
            if (m != null) {
                names.add(name);
                selections.add(m);
            }
        }
        Cond condition = condition(section, names, problems);
        if (problems.list().size() > before || condition == null) {
            return null;
        }
        return new CompiledDetection(names, selections, condition);
    }

    private @Nullable Cond condition(YNode.YMap section, List<String> names, Problems problems) {
        YNode node = section.get("condition");
        int line = section.lineOf("condition");
        List<String> texts = new ArrayList<>();
        if (node instanceof YNode.YScalar s && s.value() instanceof String text) {
            texts.add(text);
        } else if (node instanceof YNode.YList list) {
            for (YNode item : list.items()) {
                if (item instanceof YNode.YScalar s && s.value() instanceof String text) {
                    texts.add(text);
                } else {
                    problems.add(item.line(), "each condition must be a string");
                }
            }
        } else {
            problems.add(line, "the detection needs a 'condition'");
            return null;
        }
        List<Cond> conds = new ArrayList<>();
        for (String text : texts) {
            try {
                conds.add(ConditionParser.parse(text, names));
            } catch (ConditionParser.ConditionException e) {
                problems.add(line, String.valueOf(e.getMessage()));
            }
        }
        if (conds.isEmpty() || conds.size() != texts.size()) {
            return null;
        }
        return conds.size() == 1 ? conds.get(0) : new Cond.Or(conds);
    }

    private @Nullable SelectionMatcher selection(String name, YNode node, int line, Problems problems) {
        return switch (node) {
            case YNode.YMap map -> map(map, problems);
            case YNode.YList list -> list(name, list, problems);
            case YNode.YScalar scalar -> values.compile("|contains", scalar, line, problems);
        };
    }

    private @Nullable SelectionMatcher map(YNode.YMap map, Problems problems) {
        List<SelectionMatcher> parts = new ArrayList<>();
        boolean ok = true;
        for (Map.Entry<String, YNode> e : map.entries().entrySet()) {
            String key = e.getKey().startsWith("|") ? keywordKey(e.getKey()) : e.getKey();
            SelectionMatcher m = values.compile(key, e.getValue(), map.lineOf(e.getKey()), problems);
            ok &= m != null;
            if (m != null) {
                parts.add(m);
            }
        }
        if (!ok) {
            return null;
        }
        return parts.size() == 1 ? parts.get(0) : new SelectionMatcher.AllOf(parts);
    }

    /** A keyword key such as {@code |all}: keywords are searched as substrings unless re/cidr. */
    private static String keywordKey(String key) {
        boolean explicit = key.contains("|re")
                || key.contains("|cidr")
                || key.contains("contains")
                || key.contains("startswith")
                || key.contains("endswith");
        return explicit ? key : "|contains" + key;
    }

    private @Nullable SelectionMatcher list(String name, YNode.YList list, Problems problems) {
        boolean allMaps = list.items().stream().allMatch(i -> i instanceof YNode.YMap);
        boolean allScalars = list.items().stream().allMatch(i -> i instanceof YNode.YScalar);
        if (allScalars) {
            return values.compile("|contains", list, list.line(), problems);
        }
        if (!allMaps) {
            problems.add(list.line(), "search identifier '" + name + "' mixes values and maps in one list");
            return null;
        }
        List<SelectionMatcher> alternatives = new ArrayList<>();
        for (YNode item : list.items()) {
            SelectionMatcher m = map((YNode.YMap) item, problems);
            if (m == null) {
                return null;
            }
            alternatives.add(m);
        }
        return alternatives.size() == 1 ? alternatives.get(0) : new SelectionMatcher.AnyOf(alternatives);
    }
}
