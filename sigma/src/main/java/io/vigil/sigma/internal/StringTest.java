package io.vigil.sigma.internal;

import io.vigil.sigma.SigmaEvent;
import java.util.BitSet;
import java.util.List;

/**
 * A string value with wildcards, compiled to the cheapest comparison that decides it. Comparison
 * is case-insensitive unless {@code cased}; glob matching is O(n·m) at worst, never exponential.
 *
 * @param kind how the pattern is compared
 * @param literal the literal text (for GLOB: with wildcard characters marked in {@code wild})
 * @param wild for {@link Kind#GLOB}, which chars of {@code literal} are wildcards
 */
public record StringTest(Kind kind, String literal, BitSet wild, boolean cased, String source) implements ValueTest {

    /** How a string value is compared. */
    public enum Kind {
        EQUALS,
        STARTS_WITH,
        ENDS_WITH,
        CONTAINS,
        ANY,
        GLOB
    }

    /** Compiles a Sigma string into the simplest test. */
    public static StringTest of(SigmaString s, boolean cased, String source) {
        List<SigmaString.Part> p = s.parts();
        boolean leadingStar = !p.isEmpty() && p.get(0) instanceof SigmaString.Star;
        boolean trailingStar = p.size() > 1 && p.get(p.size() - 1) instanceof SigmaString.Star;
        List<SigmaString.Part> inner = p.subList(leadingStar ? 1 : 0, p.size() - (trailingStar ? 1 : 0));
        if (leadingStar && p.size() == 1) {
            return new StringTest(Kind.ANY, "", new BitSet(), cased, source);
        }
        if (inner.isEmpty()) {
            return new StringTest(Kind.EQUALS, "", new BitSet(), cased, source);
        }
        if (inner.size() == 1 && inner.get(0) instanceof SigmaString.Lit lit) {
            String text = lit.text();
            Kind kind = leadingStar
                    ? (trailingStar ? Kind.CONTAINS : Kind.ENDS_WITH)
                    : (trailingStar ? Kind.STARTS_WITH : Kind.EQUALS);
            return new StringTest(kind, text, new BitSet(), cased, source);
        }
        return new StringTest(Kind.GLOB, s.plainMasked(), s.wildMask(), cased, source);
    }

    @Override
    public boolean test(Object value, SigmaEvent event, FieldNames names) {
        String v = Values.text(value);
        if (kind == Kind.GLOB) {
            return globMatch(literal, wild, v, cased);
        }
        return matchKind(kind, v, literal, cased);
    }

    /** Compares {@code value} with {@code pattern} (already lower-cased when not cased). */
    static boolean matchKind(Kind kind, String value, String pattern, boolean cased) {
        boolean ic = !cased;
        int n = value.length();
        int m = pattern.length();
        return switch (kind) {
            case EQUALS -> n == m && value.regionMatches(ic, 0, pattern, 0, m);
            case STARTS_WITH -> n >= m && value.regionMatches(ic, 0, pattern, 0, m);
            case ENDS_WITH -> n >= m && value.regionMatches(ic, n - m, pattern, 0, m);
            case CONTAINS -> contains(value, pattern, ic);
            case ANY -> true;
            case GLOB -> {
                SigmaString g = SigmaString.parse(pattern);
                yield globMatch(g.plainMasked(), g.wildMask(), value, cased);
            }
        };
    }

    private static boolean contains(String value, String pattern, boolean ignoreCase) {
        if (!ignoreCase) {
            return value.contains(pattern);
        }
        int m = pattern.length();
        int last = value.length() - m;
        for (int i = 0; i <= last; i++) {
            if (value.regionMatches(true, i, pattern, 0, m)) {
                return true;
            }
        }
        return false;
    }

    /** Wildcard match with single-star backtracking: O(n·m) worst case. */
    static boolean globMatch(String pat, BitSet wild, String value, boolean cased) {
        int n = value.length();
        int m = pat.length();
        int p = 0;
        int s = 0;
        int starP = -1;
        int starS = -1;
        while (s < n) {
            if (p < m
                    && !(wild.get(p) && pat.charAt(p) == '*')
                    && ((wild.get(p) && pat.charAt(p) == '?') || same(pat.charAt(p), value.charAt(s), cased))) {
                p++;
                s++;
            } else if (p < m && wild.get(p) && pat.charAt(p) == '*') {
                starP = p++;
                starS = s;
            } else if (starP >= 0) {
                p = starP + 1;
                s = ++starS;
            } else {
                return false;
            }
        }
        while (p < m && wild.get(p) && pat.charAt(p) == '*') {
            p++;
        }
        return p == m;
    }

    private static boolean same(char a, char b, boolean cased) {
        if (a == b) {
            return true;
        }
        return !cased
                && (Character.toLowerCase(a) == Character.toLowerCase(b)
                        || Character.toUpperCase(a) == Character.toUpperCase(b));
    }

    @Override
    public String describe() {
        return switch (kind) {
                    case EQUALS -> "'" + source + "'";
                    case STARTS_WITH -> "startswith '" + source + "'";
                    case ENDS_WITH -> "endswith '" + source + "'";
                    case CONTAINS -> "contains '" + source + "'";
                    case ANY, GLOB -> "like '" + source + "'";
                }
                + (cased ? " (cased)" : "");
    }
}
