package io.vigil.sigma.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds, for a detection, a set of literals at least one of which must occur in the event for the
 * detection to match (a necessary disjunction). Rules without one are always evaluated.
 */
final class Witnesses {
    private Witnesses() {}

    /** How a witness is found in an event. */
    enum Kind {
        /** The whole value equals the literal. */
        EXACT,
        /** The value contains the literal. */
        SUBSTRING,
        /** The value starts with the literal. */
        PREFIX,
        /** The value ends with the literal. */
        SUFFIX,
        /** The field has a non-null value (the literal is empty). */
        PRESENT
    }

    /**
     * A literal that must occur in a field, or the field itself.
     *
     * @param field the event field (after renames)
     * @param folded the literal, case-folded with {@link Fold}; empty for {@link Kind#PRESENT}
     * @param kind how it is found
     */
    record Witness(String field, String folded, Kind kind) {
        boolean exact() {
            return kind == Kind.EXACT;
        }
    }

    /** Most clauses of a necessary condition an index entry keeps (each costs a bit per entry). */
    static final int MAX_CLAUSES = 2;

    /**
     * What the index needs to know of a detection: necessary clauses and vetoes.
     *
     * @param clauses witness disjunctions that must all hold for the detection to match (best
     *     first, at most {@link #MAX_CLAUSES}); empty when none is known (always evaluated)
     * @param vetoes literals each of which, found exactly (a case-insensitive comparison that is
     *     itself a value of the rule), makes a negated conjunct of the condition true, so the
     *     detection false
     */
    record Plan(List<List<Witness>> clauses, List<Witness> vetoes) {
        Plan {
            clauses = clauses.stream().map(List::copyOf).toList();
            vetoes = List.copyOf(vetoes);
        }
    }

    /** The index plan of a detection under the given field names. */
    static Plan plan(CompiledDetection d, FieldNames names) {
        List<List<Witness>> clauses = cond(d.condition(), d, names);
        return new Plan(clauses.subList(0, Math.min(MAX_CLAUSES, clauses.size())), vetoes(d, names));
    }

    /** The best necessary disjunction, or {@code null} when no necessary literal is known. */
    static @Nullable List<Witness> of(CompiledDetection d, FieldNames names) {
        List<List<Witness>> clauses = cond(d.condition(), d, names);
        return clauses.isEmpty() ? null : clauses.get(0);
    }

    /** A necessary condition in conjunctive form, best clause first; empty when none is known. */
    private static List<List<Witness>> cond(Cond c, CompiledDetection d, FieldNames names) {
        return switch (c) {
            case Cond.Ref r -> selection(d.selections().get(r.index()), names);
            case Cond.Not n -> List.of();
            case Cond.And a ->
                and(a.operands().stream().map(o -> cond(o, d, names)).toList());
            case Cond.Or o ->
                or(o.operands().stream().map(x -> cond(x, d, names)).toList());
        };
    }

    private static List<List<Witness>> selection(SelectionMatcher m, FieldNames names) {
        return switch (m) {
            case SelectionMatcher.AllOf all ->
                and(all.parts().stream().map(p -> selection(p, names)).toList());
            case SelectionMatcher.AnyOf any ->
                or(any.parts().stream().map(p -> selection(p, names)).toList());
            case SelectionMatcher.Field f -> field(f, names);
            case SelectionMatcher.Exists e ->
                e.expected() ? List.of(List.of(new Witness(names.resolve(e.field()), "", Kind.PRESENT))) : List.of();
            case SelectionMatcher.Keywords k -> keywords(k);
        };
    }

    /** The pseudo field of keyword witnesses: any value of the event. */
    static final String ANY_FIELD = "";

    private static List<List<Witness>> keywords(SelectionMatcher.Keywords k) {
        List<@Nullable List<Witness>> perTest = new ArrayList<>();
        for (ValueTest t : k.tests()) {
            Witness w = test(ANY_FIELD, t);
            perTest.add(
                    w == null || w.kind() == Kind.PRESENT
                            ? null
                            : List.of(new Witness(ANY_FIELD, w.folded(), Kind.SUBSTRING)));
        }
        return k.all() ? clauses(perTest) : single(union(perTest));
    }

    private static List<List<Witness>> field(SelectionMatcher.Field f, FieldNames names) {
        if (f.negate()) {
            return List.of();
        }
        String field = names.resolve(f.field());
        List<@Nullable List<Witness>> perTest = new ArrayList<>();
        boolean missingMatches = false;
        for (ValueTest t : f.tests()) {
            Witness w = test(field, t);
            perTest.add(w == null ? null : List.of(w));
            missingMatches |= t.matchesMissing();
        }
        // all: every value must be found (each its own clause); else any one of them
        List<List<Witness>> literals = f.all() ? clauses(perTest) : single(union(perTest));
        if (!literals.isEmpty() || missingMatches || f.tests().isEmpty()) {
            return literals;
        }
        // no test accepts an absent or null value: the field itself must be present
        return List.of(List.of(new Witness(field, "", Kind.PRESENT)));
    }

    private static List<List<Witness>> single(@Nullable List<Witness> clause) {
        return clause == null ? List.of() : List.of(clause);
    }

    /** The known clauses among conjuncts of one clause each, best first. */
    private static List<List<Witness>> clauses(List<@Nullable List<Witness>> conjuncts) {
        List<List<Witness>> out = new ArrayList<>();
        for (List<Witness> c : conjuncts) {
            if (c != null) {
                out.add(c);
            }
        }
        return ranked(out);
    }

    /** Every conjunct's clauses are necessary: the best of them. */
    private static List<List<Witness>> and(List<List<List<Witness>>> conjuncts) {
        List<List<Witness>> all = new ArrayList<>();
        conjuncts.forEach(all::addAll);
        return ranked(all);
    }

    /**
     * Some alternative holds, so for any choice of one clause per alternative their union holds:
     * the i-th clause is the union of each alternative's i-th (or last) clause. None when an
     * alternative has none.
     */
    private static List<List<Witness>> or(List<List<List<Witness>>> alternatives) {
        int n = Integer.MAX_VALUE;
        for (List<List<Witness>> a : alternatives) {
            n = Math.min(n, a.size());
        }
        if (alternatives.isEmpty() || n == 0) {
            return List.of();
        }
        int width = 0;
        for (List<List<Witness>> a : alternatives) {
            width = Math.max(width, a.size());
        }
        List<List<Witness>> out = new ArrayList<>();
        for (int i = 0; i < Math.min(width, MAX_CLAUSES); i++) {
            List<Witness> clause = new ArrayList<>();
            for (List<List<Witness>> a : alternatives) {
                clause.addAll(a.get(Math.min(i, a.size() - 1)));
            }
            out.add(clause);
        }
        return ranked(out);
    }

    /** Distinct clauses, most selective first, at most {@link #MAX_CLAUSES}. */
    private static List<List<Witness>> ranked(List<List<Witness>> clauses) {
        List<List<Witness>> distinct = new ArrayList<>();
        for (List<Witness> c : clauses) {
            if (!distinct.contains(c)) {
                distinct.add(c);
            }
        }
        distinct.sort((a, b) -> Integer.compare(score(b), score(a)));
        return distinct.subList(0, Math.min(MAX_CLAUSES, distinct.size()));
    }

    /**
     * Vetoes: the condition's conjuncts of the form {@code not X}; X is true as soon as one of its
     * exactly decidable parts is (an operand of an OR, a value of an ORed field), and then the
     * detection is false.
     */
    private static List<Witness> vetoes(CompiledDetection d, FieldNames names) {
        List<Cond> conjuncts = d.condition() instanceof Cond.And a ? a.operands() : List.of(d.condition());
        List<Witness> out = new ArrayList<>();
        for (Cond c : conjuncts) {
            if (c instanceof Cond.Not n) {
                sufficient(n.operand(), d, names, out);
            }
        }
        return out;
    }

    /** Adds literals each of which, found, makes {@code c} true. */
    private static void sufficient(Cond c, CompiledDetection d, FieldNames names, List<Witness> out) {
        switch (c) {
            case Cond.Ref r -> sufficient(d.selections().get(r.index()), names, out);
            case Cond.Or o -> o.operands().forEach(x -> sufficient(x, d, names, out));
            case Cond.And a -> {
                if (a.operands().size() == 1) {
                    sufficient(a.operands().get(0), d, names, out);
                }
            }
            case Cond.Not n -> {}
        }
    }

    private static void sufficient(SelectionMatcher m, FieldNames names, List<Witness> out) {
        switch (m) {
            case SelectionMatcher.AllOf all -> {
                if (all.parts().size() == 1) {
                    sufficient(all.parts().get(0), names, out);
                }
            }
            case SelectionMatcher.AnyOf any -> any.parts().forEach(p -> sufficient(p, names, out));
            case SelectionMatcher.Field f -> {
                if (!f.negate() && (!f.all() || f.tests().size() == 1)) {
                    String field = names.resolve(f.field());
                    for (ValueTest t : f.tests()) {
                        Witness w = exact(field, t);
                        if (w != null) {
                            out.add(w);
                        }
                    }
                }
            }
            case SelectionMatcher.Exists e -> {}
            case SelectionMatcher.Keywords k -> {}
        }
    }

    /** The witness whose finding is exactly the test being true, or {@code null}. */
    private static @Nullable Witness exact(String field, ValueTest t) {
        if (!(t instanceof StringTest s) || s.cased() || s.key().isEmpty()) {
            return null;
        }
        return switch (s.kind()) {
            case EQUALS -> new Witness(field, s.key(), Kind.EXACT);
            case STARTS_WITH -> new Witness(field, s.key(), Kind.PREFIX);
            case ENDS_WITH -> new Witness(field, s.key(), Kind.SUFFIX);
            case CONTAINS -> new Witness(field, s.key(), Kind.SUBSTRING);
            case ANY, GLOB -> null;
        };
    }

    private static @Nullable Witness test(String field, ValueTest t) {
        if (t instanceof RegexTest r) {
            // one char is enough: one-char witnesses are looked for with indexOf (a backtick, say)
            String literal = r.required();
            return literal == null ? null : new Witness(field, literal, Kind.SUBSTRING);
        }
        if (!(t instanceof StringTest s)) {
            return null;
        }
        return switch (s.kind()) {
            case EQUALS -> s.key().isEmpty() ? null : new Witness(field, Fold.fold(s.key()), Kind.EXACT);
            case STARTS_WITH -> s.key().isEmpty() ? null : new Witness(field, Fold.fold(s.key()), Kind.PREFIX);
            case ENDS_WITH -> s.key().isEmpty() ? null : new Witness(field, Fold.fold(s.key()), Kind.SUFFIX);
            case CONTAINS -> s.key().isEmpty() ? null : new Witness(field, Fold.fold(s.key()), Kind.SUBSTRING);
            case GLOB -> longestLiteral(field, s);
            case ANY -> null;
        };
    }

    private static @Nullable Witness longestLiteral(String field, StringTest s) {
        String text = s.key();
        int bestStart = 0;
        int bestLength = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || s.wild().get(i)) {
                if (i - start > bestLength) {
                    bestStart = start;
                    bestLength = i - start;
                }
                start = i + 1;
            }
        }
        if (bestLength == 0) {
            return null;
        }
        // a glob matches the whole value: a literal run at either end is anchored there
        Kind kind =
                bestStart == 0 ? Kind.PREFIX : bestStart + bestLength == text.length() ? Kind.SUFFIX : Kind.SUBSTRING;
        return new Witness(field, Fold.fold(text.substring(bestStart, bestStart + bestLength)), kind);
    }

    /** Every alternative is needed: null if any alternative has no witness. */
    private static @Nullable List<Witness> union(List<@Nullable List<Witness>> alternatives) {
        List<Witness> out = new ArrayList<>();
        for (List<Witness> a : alternatives) {
            if (a == null) {
                return null;
            }
            out.addAll(a);
        }
        return out.isEmpty() ? null : out;
    }

    /**
     * The weakest literal decides, then the number of literals. Longer literals are rarer in
     * events; a whole-value match is worth a little more than a substring of the same length (so
     * {@code Initiated: 'true'} loses to {@code Image|endswith: '\\certutil.exe'}); a bare field
     * presence is the weakest witness.
     */
    static int score(List<Witness> ws) {
        int min = Integer.MAX_VALUE;
        for (Witness w : ws) {
            min = Math.min(min, strength(w));
        }
        return (min + 1) * 1000 - Math.min(ws.size(), 999);
    }

    static int strength(Witness w) {
        int length = Math.min(w.folded().length(), 32);
        return switch (w.kind()) {
            case EXACT -> 4 * length + 6;
            case SUBSTRING -> 4 * length;
            case PREFIX, SUFFIX -> 4 * length + 2;
            case PRESENT -> 2;
        };
    }

    /**
     * The longest run of ASCII literal chars that every match of the regular expression contains,
     * or {@code null} when none of at least two chars is found. Conservative: any top-level
     * alternation gives none; groups and classes end a run and are skipped; a char followed by
     * {@code ?}, {@code *} or {@code {…}} is dropped; unknown escapes give none.
     */
    static @Nullable String regexLiteral(String re) {
        String run = requiredRun(re);
        return run != null && run.length() >= 2 ? run : null;
    }

    /**
     * As {@link #regexLiteral}, but of any length (possibly empty): what {@link RegexTest} checks
     * before running the expression, where even one rare char (a backtick, say) saves the search.
     */
    static @Nullable String requiredRun(String re) {
        String best = "";
        StringBuilder run = new StringBuilder();
        int n = re.length();
        int i = 0;
        while (i < n) {
            char c = re.charAt(i);
            switch (c) {
                case '|', ')' -> {
                    return null; // top-level alternation (or unbalanced)
                }
                case '(' -> {
                    best = longer(best, run);
                    i = skipGroup(re, i);
                    if (i < 0) {
                        return null;
                    }
                    continue;
                }
                case '[' -> {
                    best = longer(best, run);
                    i = skipClass(re, i);
                    if (i < 0) {
                        return null;
                    }
                    continue;
                }
                case '*', '?', '{' -> {
                    if (!run.isEmpty()) {
                        run.setLength(run.length() - 1); // the quantified char is optional
                    }
                    best = longer(best, run);
                    if (c == '{') {
                        int close = re.indexOf('}', i);
                        if (close < 0 || !re.substring(i + 1, close).matches("[0-9]+(,[0-9]*)?")) {
                            return null; // a literal brace: not worth reading
                        }
                        i = close;
                    }
                }
                case '+' -> best = longer(best, run); // the char stays: at least once
                case '.', '^', '$' -> best = longer(best, run);
                case '\\' -> {
                    if (i + 1 >= n) {
                        return null;
                    }
                    char d = re.charAt(++i);
                    if (d < 128 && !Character.isLetterOrDigit(d)) {
                        run.append(d);
                    } else if ("dDwWsSbBAz".indexOf(d) >= 0) {
                        best = longer(best, run);
                    } else {
                        return null; // \x41, \pL, \Q…\E, back references: not worth reading
                    }
                }
                default -> {
                    if (c < 128) {
                        run.append(c);
                    } else {
                        best = longer(best, run);
                    }
                }
            }
            i++;
        }
        return longer(best, run);
    }

    private static String longer(String best, StringBuilder run) {
        String out = run.length() > best.length() ? run.toString() : best;
        run.setLength(0);
        return out;
    }

    /** The index after the group opening at {@code open}, or -1 when unbalanced. */
    private static int skipGroup(String re, int open) {
        int depth = 0;
        for (int i = open; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = skipClass(re, i) - 1;
                if (i < 0) {
                    return -1;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The index after the char class opening at {@code open}, or -1 when unterminated. */
    private static int skipClass(String re, int open) {
        int i = open + 1;
        if (i < re.length() && re.charAt(i) == '^') {
            i++;
        }
        if (i < re.length() && re.charAt(i) == ']') {
            i++; // a leading ] is literal
        }
        for (; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[' && i + 1 < re.length() && re.charAt(i + 1) == ':') {
                int close = re.indexOf(":]", i + 2);
                if (close < 0) {
                    return -1;
                }
                i = close + 1;
            } else if (c == ']') {
                return i + 1;
            }
        }
        return -1;
    }
}
