package io.vigil.sigma.internal;

import io.vigil.sigma.SigmaEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of one route: the witnesses and vetoes of their index plans ({@link Witnesses.Plan}) per
 * field; entries without a necessary clause are always evaluated unless vetoed.
 *
 * <p>A plan is made under the entry's field names, while a non-decisive entry is evaluated with
 * the names the rule picks for the event. That is sound: for every event the rule's chosen names
 * are those of some entry the event reaches (its first accepting variant's route entry, or the
 * declared entry), whose plan is exact for them; an entry with other names can only repeat that
 * entry's decision, so its clauses and vetoes can only skip a redundant evaluation.
 */
final class Bucket {
    /**
     * Bit regions per event, each one bit per entry: one per necessary clause (set when one of
     * its witnesses is found), then the vetoes (set when one is found). An entry is a candidate when
     * every clause region has its bit and the veto region has not.
     */
    private static final int REGIONS = Witnesses.MAX_CLAUSES + 1;

    private static final int VETO = Witnesses.MAX_CLAUSES;

    private final RuleIndex.Entry[] entries;
    /** The regions before any witness is looked for: clauses an entry lacks already hold. */
    private final long[] initial;

    private final int words;
    private final String[] fields;
    private final int[] slots;
    private final FieldLiterals[] literals;

    /**
     * The literals of one field, mapping found literals to entries: exact values (hash map),
     * substrings (Aho–Corasick scan), prefixes (trie walk from the start), suffixes (trie of the
     * reversed literals, walked from the end), and the entries that only need the field present.
     */
    static final class FieldLiterals {
        private static final java.util.concurrent.atomic.AtomicInteger IDS =
                new java.util.concurrent.atomic.AtomicInteger();
        /** Distinguishes the literal sets in the per-thread memo of {@link FoldCache}. */
        final int id = IDS.incrementAndGet();

        private final Map<String, int[]> exact;
        private final AhoCorasick substrings;
        private final Targets substringEntries;
        /**
         * Substrings of one char, looked for with {@link String#indexOf(int)}: kept out of the
         * automaton, whose start-pair and rare-pair prefilters need patterns of two chars or more.
         */
        private final char[] singleChars;

        private final Targets singleCharEntries;
        private final AhoCorasick prefixes;
        private final Targets prefixEntries;
        private final AhoCorasick reversedSuffixes;
        private final Targets suffixEntries;
        private final int[] present;

        FieldLiterals(Map<String, int[]> exact, Map<Witnesses.Kind, Map<String, List<Integer>>> byKind, int[] present) {
            this.exact = exact;
            Map<String, List<Integer>> subs = new LinkedHashMap<>();
            Map<String, List<Integer>> singles = new LinkedHashMap<>();
            byKind.getOrDefault(Witnesses.Kind.SUBSTRING, Map.of())
                    .forEach((literal, es) -> (literal.length() == 1 ? singles : subs).put(literal, es));
            this.substrings = new AhoCorasick(List.copyOf(subs.keySet()));
            this.substringEntries = entries(subs);
            this.singleChars = new char[singles.size()];
            int c = 0;
            for (String single : singles.keySet()) {
                singleChars[c++] = single.charAt(0);
            }
            this.singleCharEntries = entries(singles);
            Map<String, List<Integer>> pre = byKind.getOrDefault(Witnesses.Kind.PREFIX, Map.of());
            this.prefixes = new AhoCorasick(List.copyOf(pre.keySet()), 0); // walked from the start: no table
            this.prefixEntries = entries(pre);
            Map<String, List<Integer>> suf = byKind.getOrDefault(Witnesses.Kind.SUFFIX, Map.of());
            this.reversedSuffixes = new AhoCorasick(
                    suf.keySet().stream()
                            .map(k -> new StringBuilder(k).reverse().toString())
                            .toList(),
                    0);
            this.suffixEntries = entries(suf);
            this.present = present;
        }

        /** Whether only substrings are looked for (as for keywords). */
        boolean substringsOnly() {
            return exact.isEmpty()
                    && prefixEntries.size() == 0
                    && suffixEntries.size() == 0
                    && present.length == 0
                    && singleChars.length == 0;
        }

        private static Targets entries(Map<String, List<Integer>> byLiteral) {
            return new Targets(byLiteral.values());
        }
    }

    /**
     * The bits each literal sets, all literals' in one array ({@code start[i]} to {@code
     * start[i + 1]}): one object to touch per found literal instead of an array each, which
     * matters because the rule set is far larger than the caches.
     */
    static final class Targets {
        private final int[] start;
        private final int[] bits;

        Targets(java.util.Collection<List<Integer>> perLiteral) {
            start = new int[perLiteral.size() + 1];
            bits = new int[perLiteral.stream().mapToInt(List::size).sum()];
            int i = 0;
            int n = 0;
            for (List<Integer> targets : perLiteral) {
                start[i++] = n;
                for (int t : targets) {
                    bits[n++] = t;
                }
            }
            start[i] = n;
        }

        int size() {
            return start.length - 1;
        }

        void record(int literal, FoldCache scratch) {
            for (int k = start[literal], end = start[literal + 1]; k < end; k++) {
                scratch.record(bits[k]);
            }
        }

        void mark(int literal, long[] candidate) {
            for (int k = start[literal], end = start[literal + 1]; k < end; k++) {
                int t = bits[k];
                candidate[t >>> 6] |= 1L << t;
            }
        }
    }

    private Bucket(RuleIndex.Entry[] entries, long[] initial, String[] fields, FieldLiterals[] literals) {
        this.entries = entries;
        this.initial = initial;
        this.words = (entries.length + 63) >>> 6;
        this.fields = fields;
        this.slots = Arrays.stream(fields).mapToInt(FieldSlots::of).toArray();
        this.literals = literals;
    }

    static Bucket build(List<RuleIndex.Entry> entryList, List<CompiledRule> rules) {
        int words = (entryList.size() + 63) >>> 6;
        long[] initial = new long[REGIONS * words];
        Map<String, Map<String, List<Integer>>> exact = new LinkedHashMap<>();
        Map<String, Map<Witnesses.Kind, Map<String, List<Integer>>>> anchored = new LinkedHashMap<>();
        Map<String, List<Integer>> present = new LinkedHashMap<>();
        for (int e = 0; e < entryList.size(); e++) {
            RuleIndex.Entry entry = entryList.get(e);
            Witnesses.Plan plan = Witnesses.plan(rules.get(entry.rule()).detection(), entry.names());
            for (int region = 0; region < Witnesses.MAX_CLAUSES; region++) {
                if (region >= plan.clauses().size()) {
                    set(initial, region * words, e); // no such clause: holds
                    continue;
                }
                for (Witnesses.Witness w : plan.clauses().get(region)) {
                    add(w, region * words * 64 + e, exact, anchored, present);
                }
            }
            for (Witnesses.Witness w : plan.vetoes()) {
                add(w, VETO * words * 64 + e, exact, anchored, present);
            }
        }
        List<String> fieldList = new ArrayList<>(exact.keySet());
        anchored.keySet().stream().filter(f -> !fieldList.contains(f)).forEach(fieldList::add);
        present.keySet().stream().filter(f -> !fieldList.contains(f)).forEach(fieldList::add);
        FieldLiterals[] literals = new FieldLiterals[fieldList.size()];
        for (int i = 0; i < literals.length; i++) {
            String field = fieldList.get(i);
            Map<String, int[]> exactMap = new LinkedHashMap<>();
            exact.getOrDefault(field, Map.of()).forEach((value, es) -> exactMap.put(value, toArray(es)));
            literals[i] = new FieldLiterals(
                    Map.copyOf(exactMap),
                    anchored.getOrDefault(field, Map.of()),
                    toArray(present.getOrDefault(field, List.of())));
        }
        return new Bucket(
                entryList.toArray(RuleIndex.Entry[]::new), initial, fieldList.toArray(String[]::new), literals);
    }

    /** Files a witness under its field and kind, to set bit {@code target} when found. */
    private static void add(
            Witnesses.Witness w,
            int target,
            Map<String, Map<String, List<Integer>>> exact,
            Map<String, Map<Witnesses.Kind, Map<String, List<Integer>>>> anchored,
            Map<String, List<Integer>> present) {
        switch (w.kind()) {
            case PRESENT ->
                present.computeIfAbsent(w.field(), k -> new ArrayList<>()).add(target);
            case EXACT ->
                exact.computeIfAbsent(w.field(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(w.folded(), k -> new ArrayList<>())
                        .add(target);
            case SUBSTRING, PREFIX, SUFFIX ->
                anchored.computeIfAbsent(w.field(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(w.kind(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(w.folded(), k -> new ArrayList<>())
                        .add(target);
        }
    }

    private static void set(long[] bits, int fromWord, int e) {
        bits[fromWord + (e >>> 6)] |= 1L << e;
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The candidate entries: a bit set over entry indexes (see {@link #REGIONS}). */
    private long[] mark(FoldCache event) {
        long[] candidate = found(event);
        int w = words;
        for (int i = 0; i < w; i++) {
            long all = candidate[i];
            for (int r = 1; r < VETO; r++) {
                all &= candidate[r * w + i];
            }
            candidate[i] = all & ~candidate[VETO * w + i];
        }
        return candidate;
    }

    /** The regions after looking for every witness and veto of the bucket in the event. */
    private long[] found(FoldCache event) {
        long[] candidate = initial.clone();
        for (int i = 0; i < fields.length; i++) {
            FieldLiterals lit = literals[i];
            if (fields[i].equals(Witnesses.ANY_FIELD)) {
                if (lit.substringsOnly()) {
                    // keywords: the scan folds each char, no folded copy of every value
                    Targets substringEntries = lit.substringEntries;
                    event.newScan(substringEntries.size()); // a keyword found in several values marks once
                    event.forEachValue(v -> lit.substrings.searchFolding(Values.text(v), p -> {
                        if (event.firstReport(p)) {
                            substringEntries.mark(p, candidate);
                        }
                    }));
                } else {
                    for (String folded : event.foldedValues()) {
                        markFolded(lit, folded, candidate, event);
                    }
                }
                continue;
            }
            int slot = slots[i];
            Object value = event.value(slot);
            if (value == null) {
                continue;
            }
            mark(lit.present, candidate);
            if (value instanceof List<?> list) {
                for (Object element : list) {
                    if (element != null) {
                        markFolded(lit, Fold.fold(Values.text(element)), candidate, event);
                    }
                }
            } else {
                markFolded(lit, event.folded(slot, value), candidate, event);
            }
        }
        return candidate;
    }

    private static void markFolded(FieldLiterals lit, String folded, long[] candidate, FoldCache scratch) {
        // values repeat from event to event (images, parents, users, DLL paths): what a value
        // marks is remembered per thread, so a repeated value costs a hash and an equals instead
        // of a scan of every literal kind
        int[] targets = scratch.remembered(lit.id, folded);
        if (targets == null) {
            scratch.startRecording();
            findLiterals(lit, folded, scratch);
            targets = scratch.remember(lit.id, folded);
        }
        mark(targets, candidate);
    }

    /** Records, in {@code scratch}, the target bits of every literal of {@code lit} found in {@code folded}. */
    private static void findLiterals(FieldLiterals lit, String folded, FoldCache scratch) {
        int[] exact = lit.exact.get(folded);
        if (exact != null) {
            for (int t : exact) {
                scratch.record(t);
            }
        }
        Targets substringEntries = lit.substringEntries;
        scratch.newScan(substringEntries.size()); // a substring found several times records once
        lit.substrings.search(folded, p -> {
            if (scratch.firstReport(p)) {
                substringEntries.record(p, scratch);
            }
        });
        char[] singles = lit.singleChars;
        for (int i = 0; i < singles.length; i++) {
            if (folded.indexOf(singles[i]) >= 0) {
                lit.singleCharEntries.record(i, scratch);
            }
        }
        Targets prefixEntries = lit.prefixEntries;
        lit.prefixes.searchPrefixes(folded, p -> prefixEntries.record(p, scratch));
        Targets suffixEntries = lit.suffixEntries;
        lit.reversedSuffixes.searchReversedSuffixes(folded, p -> suffixEntries.record(p, scratch));
    }

    private static void mark(int[] targets, long[] candidate) {
        for (int t : targets) {
            candidate[t >>> 6] |= 1L << t;
        }
    }

    /** Evaluates the candidate entries; {@code matched} is a bit set over rule indexes. */
    void evaluate(FoldCache event, List<CompiledRule> rules, long[] matched) {
        long[] candidate = mark(event);
        for (int w = 0; w < words; w++) {
            for (long bits = candidate[w]; bits != 0; bits &= bits - 1) {
                evaluate(entries[(w << 6) + Long.numberOfTrailingZeros(bits)], event, rules, matched);
            }
        }
    }

    private static void evaluate(RuleIndex.Entry entry, SigmaEvent event, List<CompiledRule> rules, long[] matched) {
        int r = entry.rule();
        if ((matched[r >>> 6] & (1L << r)) != 0) {
            return;
        }
        CompiledRule rule = rules.get(r);
        boolean hit;
        if (entry.variant() == null || !entry.decisive()) {
            hit = rule.matches(event); // first accepting variant decides, as in the naive path
        } else {
            // the route's key is the variant's condition values, folded as Variant.accepts
            // compares them, and routes are per product: the variant accepts the event, and no
            // earlier variant does (decisive), so its names are the ones the naive path uses
            hit = rule.matchesDetection(event, entry.names());
        }
        if (hit) {
            matched[r >>> 6] |= 1L << r;
        }
    }

    int[] candidates(FoldCache event) {
        long[] candidate = mark(event);
        List<Integer> out = new ArrayList<>();
        for (int w = 0; w < words; w++) {
            for (long bits = candidate[w]; bits != 0; bits &= bits - 1) {
                out.add(entries[(w << 6) + Long.numberOfTrailingZeros(bits)].rule());
            }
        }
        return toArray(out);
    }
}
