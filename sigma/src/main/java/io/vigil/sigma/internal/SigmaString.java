package io.vigil.sigma.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A Sigma string value: literal text with {@code *} and {@code ?} wildcards, after the spec's
 * escape rules have been applied.
 */
public record SigmaString(List<Part> parts) {

    /** One piece of a Sigma string. */
    public sealed interface Part permits Lit, Star, AnyChar {}

    /** Literal text. */
    public record Lit(String text) implements Part {}

    /** {@code *}: any run of characters. */
    public record Star() implements Part {}

    /** {@code ?}: exactly one character. */
    public record AnyChar() implements Part {}

    private static final Star STAR = new Star();
    private static final AnyChar ANY = new AnyChar();

    public SigmaString {
        parts = normalise(parts);
    }

    /** A string with no wildcards. */
    public static SigmaString literal(String text) {
        return new SigmaString(List.of(new Lit(text)));
    }

    /**
     * Parses rule text: {@code \*} and {@code \?} are literal, {@code \\} is one backslash, a
     * backslash before any other character is itself.
     */
    public static SigmaString parse(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                if (next == '*' || next == '?' || next == '\\') {
                    lit.append(next);
                    i++;
                    continue;
                }
                lit.append(c);
            } else if (c == '*' || c == '?') {
                flush(lit, parts);
                parts.add(c == '*' ? STAR : ANY);
            } else {
                lit.append(c);
            }
        }
        flush(lit, parts);
        return new SigmaString(parts);
    }

    private static void flush(StringBuilder lit, List<Part> parts) {
        if (!lit.isEmpty()) {
            parts.add(new Lit(lit.toString()));
            lit.setLength(0);
        }
    }

    private static List<Part> normalise(List<Part> in) {
        List<Part> out = new ArrayList<>(in.size());
        for (Part p : in) {
            Part last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (p instanceof Lit l && l.text().isEmpty()) {
                continue;
            }
            if (p instanceof Lit l && last instanceof Lit prev) {
                out.set(out.size() - 1, new Lit(prev.text() + l.text()));
            } else if (!(p instanceof Star && last instanceof Star)) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    public boolean hasWildcards() {
        return parts.stream().anyMatch(p -> !(p instanceof Lit));
    }

    /** The text, only meaningful without wildcards. */
    public String plain() {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            switch (p) {
                case Lit l -> sb.append(l.text());
                case Star s -> sb.append('*');
                case AnyChar a -> sb.append('?');
            }
        }
        return sb.toString();
    }

    /** The text with wildcards as {@code *}/{@code ?}; use with {@link #wildMask()}. */
    public String plainMasked() {
        return plain();
    }

    /** For each char of {@link #plainMasked()}, whether it is a wildcard. */
    public java.util.BitSet wildMask() {
        java.util.BitSet mask = new java.util.BitSet();
        int i = 0;
        for (Part p : parts) {
            switch (p) {
                case Lit l -> i += l.text().length();
                case Star s -> mask.set(i++);
                case AnyChar a -> mask.set(i++);
            }
        }
        return mask;
    }

    public SigmaString withLeadingStar() {
        if (!parts.isEmpty() && parts.get(0) instanceof Star) {
            return this;
        }
        List<Part> p = new ArrayList<>(parts);
        p.add(0, STAR);
        return new SigmaString(p);
    }

    public SigmaString withTrailingStar() {
        if (!parts.isEmpty() && parts.get(parts.size() - 1) instanceof Star) {
            return this;
        }
        List<Part> p = new ArrayList<>(parts);
        p.add(STAR);
        return new SigmaString(p);
    }

    @Override
    public String toString() {
        return plain();
    }
}
