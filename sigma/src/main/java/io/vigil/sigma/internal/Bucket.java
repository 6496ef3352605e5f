package io.vigil.sigma.internal;

import io.vigil.sigma.SigmaEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rules of one route: witnesses per field, and the rules that are always evaluated. */
final class Bucket {
    private final RuleIndex.Entry[] entries;
    private final int[] always;
    private final String[] fields;
    private final FieldLiterals[] literals;

    /**
     * Exact values and substring automaton of one field, mapping found literals to entries, and
     * the entries that only need the field to be present.
     */
    static final class FieldLiterals {
        private final Map<String, int[]> exact;
        private final AhoCorasick automaton;
        private final int[][] patternEntries;
        private final int[] present;

        FieldLiterals(Map<String, int[]> exact, AhoCorasick automaton, int[][] patternEntries, int[] present) {
            this.exact = exact;
            this.automaton = automaton;
            this.patternEntries = patternEntries;
            this.present = present;
        }
    }

    private Bucket(RuleIndex.Entry[] entries, int[] always, String[] fields, FieldLiterals[] literals) {
        this.entries = entries;
        this.always = always;
        this.fields = fields;
        this.literals = literals;
    }

    static Bucket build(List<RuleIndex.Entry> entryList, List<CompiledRule> rules) {
        List<Integer> always = new ArrayList<>();
        Map<String, Map<String, List<Integer>>> exact = new LinkedHashMap<>();
        Map<String, Map<String, List<Integer>>> substrings = new LinkedHashMap<>();
        Map<String, List<Integer>> present = new LinkedHashMap<>();
        for (int e = 0; e < entryList.size(); e++) {
            RuleIndex.Entry entry = entryList.get(e);
            List<Witnesses.Witness> ws = Witnesses.of(rules.get(entry.rule()).detection(), entry.names());
            if (ws == null) {
                always.add(e);
                continue;
            }
            for (Witnesses.Witness w : ws) {
                if (w.kind() == Witnesses.Kind.PRESENT) {
                    present.computeIfAbsent(w.field(), k -> new ArrayList<>()).add(e);
                    continue;
                }
                (w.exact() ? exact : substrings)
                        .computeIfAbsent(w.field(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(w.folded(), k -> new ArrayList<>())
                        .add(e);
            }
        }
        List<String> fieldList = new ArrayList<>(exact.keySet());
        substrings.keySet().stream().filter(f -> !fieldList.contains(f)).forEach(fieldList::add);
        present.keySet().stream().filter(f -> !fieldList.contains(f)).forEach(fieldList::add);
        FieldLiterals[] literals = new FieldLiterals[fieldList.size()];
        for (int i = 0; i < literals.length; i++) {
            String field = fieldList.get(i);
            Map<String, int[]> exactMap = new LinkedHashMap<>();
            exact.getOrDefault(field, Map.of()).forEach((value, es) -> exactMap.put(value, toArray(es)));
            Map<String, List<Integer>> subs = substrings.getOrDefault(field, Map.of());
            List<String> patterns = new ArrayList<>();
            int[][] patternEntries = new int[subs.size()][];
            for (Map.Entry<String, List<Integer>> sub : subs.entrySet()) {
                patternEntries[patterns.size()] = toArray(sub.getValue());
                patterns.add(sub.getKey());
            }
            literals[i] = new FieldLiterals(
                    Map.copyOf(exactMap),
                    new AhoCorasick(patterns),
                    patternEntries,
                    toArray(present.getOrDefault(field, List.of())));
        }
        return new Bucket(
                entryList.toArray(RuleIndex.Entry[]::new), toArray(always), fieldList.toArray(String[]::new), literals);
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Marks the entries whose witnesses occur in the event (plus the always-evaluated ones). */
    private boolean[] mark(SigmaEvent event) {
        boolean[] candidate = new boolean[entries.length];
        for (int e : always) {
            candidate[e] = true;
        }
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].equals(Witnesses.ANY_FIELD)) {
                FieldLiterals lit = literals[i];
                event.forEachValue(v -> markValue(lit, v, candidate));
                continue;
            }
            Object value = event.get(fields[i]);
            if (value != null) {
                for (int e : literals[i].present) {
                    candidate[e] = true;
                }
            }
            if (value instanceof List<?> list) {
                for (Object element : list) {
                    if (element != null) {
                        markValue(literals[i], element, candidate);
                    }
                }
            } else if (value != null) {
                String folded = event instanceof FoldCache cache
                        ? cache.folded(fields[i], value)
                        : Fold.fold(Values.text(value));
                markFolded(literals[i], folded, candidate);
            }
        }
        return candidate;
    }

    private static void markValue(FieldLiterals lit, Object value, boolean[] candidate) {
        markFolded(lit, Fold.fold(Values.text(value)), candidate);
    }

    private static void markFolded(FieldLiterals lit, String folded, boolean[] candidate) {
        int[] exact = lit.exact.get(folded);
        if (exact != null) {
            for (int e : exact) {
                candidate[e] = true;
            }
        }
        int[][] patternEntries = lit.patternEntries;
        lit.automaton.search(folded, p -> {
            for (int e : patternEntries[p]) {
                candidate[e] = true;
            }
        });
    }

    void evaluate(SigmaEvent event, List<CompiledRule> rules, boolean[] matched) {
        boolean[] candidate = mark(event);
        for (int e = 0; e < candidate.length; e++) {
            if (!candidate[e]) {
                continue;
            }
            RuleIndex.Entry entry = entries[e];
            if (matched[entry.rule()]) {
                continue;
            }
            CompiledRule rule = rules.get(entry.rule());
            boolean hit;
            if (rule.variants().size() > 1 || entry.variant() == null) {
                hit = rule.matches(event); // first accepting variant decides, as in the naive path
            } else {
                hit = entry.variant().accepts(event) && rule.matchesDetection(event, entry.names());
            }
            matched[entry.rule()] = hit;
        }
    }

    int[] candidates(SigmaEvent event) {
        boolean[] candidate = mark(event);
        List<Integer> out = new ArrayList<>();
        for (int e = 0; e < candidate.length; e++) {
            if (candidate[e]) {
                out.add(entries[e].rule());
            }
        }
        return toArray(out);
    }
}
