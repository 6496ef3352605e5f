package io.vigil.sigma.internal;

import io.vigil.sigma.Evidence;
import io.vigil.sigma.SigmaEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The compiled form of a search identifier and its parts. */
public sealed interface SelectionMatcher
        permits SelectionMatcher.AllOf,
                SelectionMatcher.AnyOf,
                SelectionMatcher.Field,
                SelectionMatcher.Exists,
                SelectionMatcher.Keywords {

    boolean matches(SigmaEvent event, FieldNames names);

    /** Adds the matching values to {@code out}; call only when {@link #matches} is true. */
    void explain(String selection, SigmaEvent event, FieldNames names, List<Evidence> out);

    /** A map: every entry must match. */
    record AllOf(List<SelectionMatcher> parts) implements SelectionMatcher {
        public AllOf {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean matches(SigmaEvent event, FieldNames names) {
            for (SelectionMatcher p : parts) {
                if (!p.matches(event, names)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void explain(String selection, SigmaEvent event, FieldNames names, List<Evidence> out) {
            for (SelectionMatcher p : parts) {
                p.explain(selection, event, names, out);
            }
        }
    }

    /** A list of maps: any element may match. */
    record AnyOf(List<SelectionMatcher> parts) implements SelectionMatcher {
        public AnyOf {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean matches(SigmaEvent event, FieldNames names) {
            for (SelectionMatcher p : parts) {
                if (p.matches(event, names)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void explain(String selection, SigmaEvent event, FieldNames names, List<Evidence> out) {
            for (SelectionMatcher p : parts) {
                if (p.matches(event, names)) {
                    p.explain(selection, event, names, out);
                    return;
                }
            }
        }
    }

    /**
     * {@code field|modifiers: values}. Values are ORed ({@code all}: ANDed); {@code neq} negates
     * the whole test. A multi-valued field matches when any element does. Case-insensitive equality
     * values are looked up in a hash set; the event value is folded once per field.
     */
    final class Field implements SelectionMatcher {
        private final String field;
        private final int slot;
        private final List<ValueTest> tests;
        private final boolean all;
        private final boolean negate;
        private final Set<String> exactFolded;
        private final @Nullable AhoCorasick containsAny;
        private final @Nullable AhoCorasick startsWithAny;
        private final @Nullable AhoCorasick endsWithAnyReversed;
        private final List<ValueTest> others;
        /** ORed networks: the value's address is parsed once for all of them. */
        private final List<CidrTest> cidrs;

        public Field(String field, List<ValueTest> tests, boolean all, boolean negate) {
            this.field = field;
            this.slot = FieldSlots.of(field);
            this.tests = List.copyOf(tests);
            this.all = all;
            this.negate = negate;
            Set<String> exact = new HashSet<>();
            List<String> contains = new ArrayList<>();
            List<String> starts = new ArrayList<>();
            List<String> ends = new ArrayList<>();
            for (ValueTest t : tests) {
                if (!all && t instanceof StringTest s && !s.cased() && !s.key().isEmpty()) {
                    switch (s.kind()) {
                        case EQUALS -> exact.add(s.key());
                        case CONTAINS -> contains.add(s.key());
                        case STARTS_WITH -> starts.add(s.key());
                        case ENDS_WITH -> ends.add(s.key());
                        case ANY, GLOB -> {}
                    }
                }
            }
            // values ORed: a group of literals of one kind is one automaton walk instead of a
            // comparison per literal (small groups stay plain comparisons)
            this.containsAny = contains.size() >= MIN_GROUP ? new AhoCorasick(contains, GROUP_DENSE_LIMIT, true) : null;
            this.startsWithAny = starts.size() >= MIN_GROUP ? new AhoCorasick(starts, 0) : null;
            this.endsWithAnyReversed = ends.size() >= MIN_GROUP
                    ? new AhoCorasick(
                            ends.stream()
                                    .map(k -> new StringBuilder(k).reverse().toString())
                                    .toList(),
                            0)
                    : null;
            List<ValueTest> rest = new ArrayList<>();
            List<CidrTest> networks = new ArrayList<>();
            for (ValueTest t : tests) {
                if (!all && t instanceof CidrTest c) {
                    networks.add(c);
                    continue;
                }
                boolean grouped = !all
                        && t instanceof StringTest s
                        && !s.cased()
                        && !s.key().isEmpty()
                        && switch (s.kind()) {
                            case EQUALS -> true;
                            case CONTAINS -> containsAny != null;
                            case STARTS_WITH -> startsWithAny != null;
                            case ENDS_WITH -> endsWithAnyReversed != null;
                            case ANY, GLOB -> false;
                        };
                if (!grouped) {
                    rest.add(t);
                }
            }
            this.exactFolded = Set.copyOf(exact);
            this.others = List.copyOf(rest);
            this.cidrs = List.copyOf(networks);
        }

        /** Fewest literals of one kind grouped into an automaton. */
        private static final int MIN_GROUP = 4;

        /** Deterministic table of a group's substring automaton up to 8K ints (32 KB). */
        private static final int GROUP_DENSE_LIMIT = 1 << 13;

        public String field() {
            return field;
        }

        public List<ValueTest> tests() {
            return tests;
        }

        public boolean all() {
            return all;
        }

        public boolean negate() {
            return negate;
        }

        @Override
        public boolean matches(SigmaEvent event, FieldNames names) {
            FoldCache cache = event instanceof FoldCache c ? c : null;
            int eventSlot = cache == null ? -1 : names.resolve(slot);
            Object value = cache == null ? event.get(names.resolve(field)) : cache.value(eventSlot);
            boolean hit;
            if (value instanceof List<?> && all) {
                // each value may be found in a different element of a multi-valued field
                hit = true;
                for (ValueTest t : tests) {
                    hit &= testValue(t, value, event, names);
                }
            } else if (value instanceof List<?> list) {
                hit = false;
                for (Object o : list) {
                    if (matchesOne(o, null, event, names)) {
                        hit = true;
                        break;
                    }
                }
            } else if (value != null && cache != null) {
                hit = matchesOne(value, cache.folded(eventSlot, value), event, names);
            } else {
                hit = matchesOne(value, null, event, names);
            }
            return hit != negate;
        }

        private boolean matchesOne(
                @Nullable Object value, @Nullable String foldedText, SigmaEvent event, FieldNames names) {
            if (value == null) {
                for (ValueTest t : tests) {
                    if (t.matchesMissing() != all) {
                        return !all;
                    }
                }
                return all && !tests.isEmpty();
            }
            // the text of a number or boolean is only made when a test needs it (no allocation per rule)
            String folded = foldedText;
            if (!exactFolded.isEmpty()) {
                folded = folded == null ? Fold.fold(Values.text(value)) : folded;
                if (exactFolded.contains(folded)) {
                    return true;
                }
            }
            if (containsAny != null || startsWithAny != null || endsWithAnyReversed != null) {
                folded = folded == null ? Fold.fold(Values.text(value)) : folded;
                if ((endsWithAnyReversed != null && endsWithAnyReversed.anyReversedSuffixOf(folded))
                        || (startsWithAny != null && startsWithAny.anyPrefixOf(folded))
                        || (containsAny != null && containsAny.containsAny(folded))) {
                    return true;
                }
            }
            if (!cidrs.isEmpty()) {
                byte[] address = CidrTest.address(value);
                for (CidrTest c : cidrs) {
                    if (c.contains(address)) {
                        return true;
                    }
                }
            }
            for (ValueTest t : others) {
                boolean ok;
                if (t instanceof StringTest s) {
                    if (s.cased()) {
                        ok = s.matchesPrepared(Values.text(value));
                    } else {
                        folded = folded == null ? Fold.fold(Values.text(value)) : folded;
                        ok = s.matchesPrepared(folded);
                    }
                } else {
                    ok = t.test(value, event, names);
                }
                if (ok != all) {
                    return ok;
                }
            }
            return all && !others.isEmpty();
        }

        static boolean testValue(ValueTest t, @Nullable Object value, SigmaEvent event, FieldNames names) {
            if (value == null) {
                return t.matchesMissing();
            }
            if (value instanceof List<?> list) {
                for (Object o : list) {
                    if (o == null ? t.matchesMissing() : t.test(o, event, names)) {
                        return true;
                    }
                }
                return false;
            }
            return t.test(value, event, names);
        }

        @Override
        public void explain(String selection, SigmaEvent event, FieldNames names, List<Evidence> out) {
            String name = names.resolve(field);
            Object value = event.get(name);
            String shown = value == null ? "null" : String.valueOf(value);
            if (negate) {
                out.add(new Evidence(selection, name, "neq " + describeAll(), shown));
                return;
            }
            for (ValueTest t : tests) {
                if (testValue(t, value, event, names)) {
                    out.add(new Evidence(selection, name, t.describe(), shown));
                    if (!all) {
                        return;
                    }
                }
            }
        }

        private String describeAll() {
            return String.join(" | ", tests.stream().map(ValueTest::describe).toList());
        }

        @Override
        public String toString() {
            return "Field[" + field + ", " + tests + (all ? ", all" : "") + (negate ? ", neq" : "") + "]";
        }
    }

    /** {@code field|exists: true/false}: presence only, whatever the value. */
    record Exists(String field, boolean expected) implements SelectionMatcher {
        @Override
        public boolean matches(SigmaEvent event, FieldNames names) {
            return event.has(names.resolve(field)) == expected;
        }

        @Override
        public void explain(String selection, SigmaEvent event, FieldNames names, List<Evidence> out) {
            out.add(new Evidence(selection, names.resolve(field), "exists " + expected, String.valueOf(expected)));
        }
    }

    /** A keyword search over every value of the event; values ORed ({@code all}: ANDed). */
    record Keywords(List<ValueTest> tests, boolean all) implements SelectionMatcher {
        public Keywords {
            tests = List.copyOf(tests);
        }

        @Override
        public boolean matches(SigmaEvent event, FieldNames names) {
            boolean[] found = new boolean[tests.size()];
            event.forEachValue(v -> {
                String text = Values.text(v);
                String folded = null;
                for (int i = 0; i < found.length; i++) {
                    if (found[i]) {
                        continue;
                    }
                    ValueTest t = tests.get(i);
                    if (t instanceof StringTest s && !s.cased()) {
                        folded = folded == null ? Fold.fold(text) : folded;
                        found[i] = s.matchesPrepared(folded);
                    } else {
                        found[i] = t.test(v, event, names);
                    }
                }
            });
            for (boolean f : found) {
                if (f != all) {
                    return f;
                }
            }
            return all && found.length > 0;
        }

        private static @Nullable Object firstValue(ValueTest t, SigmaEvent event, FieldNames names) {
            Object[] found = new Object[1];
            event.forEachValue(v -> {
                if (found[0] == null && t.test(v, event, names)) {
                    found[0] = v;
                }
            });
            return found[0];
        }

        @Override
        public void explain(String selection, SigmaEvent event, FieldNames names, List<Evidence> out) {
            for (ValueTest t : tests) {
                Object v = firstValue(t, event, names);
                if (v != null) {
                    out.add(new Evidence(selection, "", t.describe(), String.valueOf(v)));
                    if (!all) {
                        return;
                    }
                }
            }
        }
    }
}
