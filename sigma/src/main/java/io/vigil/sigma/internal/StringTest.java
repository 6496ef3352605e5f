package io.vigil.sigma.internal;

import io.vigil.sigma.SigmaEvent;
import java.util.BitSet;
import java.util.List;

/**
 * A string value with wildcards, compiled to the cheapest comparison that decides it. Comparison
 * is case-insensitive unless {@code cased} (both sides case-folded with {@link Fold}); glob
 * matching is O(n·m) at worst, never exponential.
 *
 * @param kind how the pattern is compared
 * @param key the literal text, folded unless cased (for GLOB: wildcard positions in {@code wild})
 * @param wild for {@link Kind#GLOB}, which chars of {@code key} are wildcards
 */
public record StringTest(Kind kind, String key, BitSet wild, boolean cased, String source) implements ValueTest {

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
            Kind kind = leadingStar
                    ? (trailingStar ? Kind.CONTAINS : Kind.ENDS_WITH)
                    : (trailingStar ? Kind.STARTS_WITH : Kind.EQUALS);
            return new StringTest(kind, prepare(lit.text(), cased), new BitSet(), cased, source);
        }
        return new StringTest(Kind.GLOB, prepare(s.plainMasked(), cased), s.wildMask(), cased, source);
    }

    /** The form values are compared in: folded unless cased. */
    static String prepare(String text, boolean cased) {
        return cased ? text : Fold.fold(text);
    }

    @Override
    public boolean test(Object value, SigmaEvent event, FieldNames names) {
        return matchesPrepared(prepare(Values.text(value), cased));
    }

    /** Tests a value already in {@link #prepare prepared} form. */
    public boolean matchesPrepared(String v) {
        return switch (kind) {
            case EQUALS -> v.equals(key);
            case STARTS_WITH -> v.startsWith(key);
            case ENDS_WITH -> v.endsWith(key);
            case CONTAINS -> v.contains(key);
            case ANY -> true;
            case GLOB -> globMatch(key, wild, v);
        };
    }

    /** Compares two field values (for fieldref). */
    static boolean matchKind(Kind kind, String value, String pattern, boolean cased) {
        String v = prepare(value, cased);
        String p = prepare(pattern, cased);
        return switch (kind) {
            case EQUALS -> v.equals(p);
            case STARTS_WITH -> v.startsWith(p);
            case ENDS_WITH -> v.endsWith(p);
            case CONTAINS -> v.contains(p);
            case ANY -> true;
            case GLOB -> {
                SigmaString g = SigmaString.parse(p);
                yield globMatch(g.plainMasked(), g.wildMask(), v);
            }
        };
    }

    /** Wildcard match with single-star backtracking: O(n·m) worst case. */
    static boolean globMatch(String pat, BitSet wild, String value) {
        int n = value.length();
        int m = pat.length();
        int p = 0;
        int s = 0;
        int starP = -1;
        int starS = -1;
        while (s < n) {
            if (p < m
                    && !(wild.get(p) && pat.charAt(p) == '*')
                    && ((wild.get(p) && pat.charAt(p) == '?') || pat.charAt(p) == value.charAt(s))) {
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
