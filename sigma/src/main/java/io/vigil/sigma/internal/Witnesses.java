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

    /** The witnesses, or {@code null} when no necessary literal is known. */
    static @Nullable List<Witness> of(CompiledDetection d, FieldNames names) {
        return cond(d.condition(), d, names);
    }

    private static @Nullable List<Witness> cond(Cond c, CompiledDetection d, FieldNames names) {
        return switch (c) {
            case Cond.Ref r -> selection(d.selections().get(r.index()), names);
            case Cond.Not n -> null;
            case Cond.And a -> best(conds(a.operands(), d, names));
            case Cond.Or o -> union(conds(o.operands(), d, names));
        };
    }

    private static List<@Nullable List<Witness>> conds(List<Cond> cs, CompiledDetection d, FieldNames names) {
        List<@Nullable List<Witness>> out = new ArrayList<>();
        for (Cond c : cs) {
            out.add(cond(c, d, names));
        }
        return out;
    }

    private static List<@Nullable List<Witness>> selections(List<SelectionMatcher> ms, FieldNames names) {
        List<@Nullable List<Witness>> out = new ArrayList<>();
        for (SelectionMatcher m : ms) {
            out.add(selection(m, names));
        }
        return out;
    }

    private static @Nullable List<Witness> selection(SelectionMatcher m, FieldNames names) {
        return switch (m) {
            case SelectionMatcher.AllOf all -> best(selections(all.parts(), names));
            case SelectionMatcher.AnyOf any -> union(selections(any.parts(), names));
            case SelectionMatcher.Field f -> field(f, names);
            case SelectionMatcher.Exists e ->
                e.expected() ? List.of(new Witness(names.resolve(e.field()), "", Kind.PRESENT)) : null;
            case SelectionMatcher.Keywords k -> keywords(k);
        };
    }

    /** The pseudo field of keyword witnesses: any value of the event. */
    static final String ANY_FIELD = "";

    private static @Nullable List<Witness> keywords(SelectionMatcher.Keywords k) {
        List<@Nullable List<Witness>> perTest = new ArrayList<>();
        for (ValueTest t : k.tests()) {
            Witness w = test(ANY_FIELD, t);
            perTest.add(
                    w == null || w.kind() == Kind.PRESENT
                            ? null
                            : List.of(new Witness(ANY_FIELD, w.folded(), Kind.SUBSTRING)));
        }
        return k.all() ? best(perTest) : union(perTest);
    }

    private static @Nullable List<Witness> field(SelectionMatcher.Field f, FieldNames names) {
        if (f.negate()) {
            return null;
        }
        String field = names.resolve(f.field());
        List<@Nullable List<Witness>> perTest = new ArrayList<>();
        boolean missingMatches = false;
        for (ValueTest t : f.tests()) {
            Witness w = test(field, t);
            perTest.add(w == null ? null : List.of(w));
            missingMatches |= t.matchesMissing();
        }
        List<Witness> literals = f.all() ? best(perTest) : union(perTest);
        if (literals != null || missingMatches || f.tests().isEmpty()) {
            return literals;
        }
        // no test accepts an absent or null value: the field itself must be present
        return List.of(new Witness(field, "", Kind.PRESENT));
    }

    private static @Nullable Witness test(String field, ValueTest t) {
        if (t instanceof RegexTest r) {
            String literal = regexLiteral(r.source());
            return literal == null ? null : new Witness(field, Fold.fold(literal), Kind.SUBSTRING);
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

    /** Any conjunct's witnesses are necessary: pick the most selective. */
    private static @Nullable List<Witness> best(List<@Nullable List<Witness>> conjuncts) {
        List<Witness> best = null;
        int bestScore = -1;
        for (List<Witness> c : conjuncts) {
            if (c == null) {
                continue;
            }
            int score = score(c);
            if (score > bestScore) {
                best = c;
                bestScore = score;
            }
        }
        return best;
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
