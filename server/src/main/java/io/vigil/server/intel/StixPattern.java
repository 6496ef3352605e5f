package io.vigil.server.intel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A reader of STIX 2.1 patterns that keeps what an IoC store can use: every comparison, and whether
 * any of them were joined by AND or FOLLOWEDBY (so that a single comparison is broader than the
 * pattern). Qualifiers (WITHIN, REPEATS, START/STOP) are read and ignored. The grammar is checked;
 * an invalid pattern throws {@link IllegalArgumentException} naming the character position.
 */
final class StixPattern {

    /** One comparison: {@code path op value}; an IN list gives one comparison per value with op {@code =}. */
    record Comparison(String path, String op, String value, boolean negated) {}

    /** The comparisons, and whether the pattern joins any with AND or FOLLOWEDBY. */
    record Parsed(List<Comparison> comparisons, boolean conjunctive) {}

    private static final int MAX_LENGTH = 100_000;
    private static final int MAX_DEPTH = 50;

    private final String s;
    private int pos;
    private int depth;
    private boolean conjunctive;
    private final List<Comparison> comparisons = new ArrayList<>();

    private StixPattern(String s) {
        this.s = s;
    }

    static Parsed parse(String pattern) {
        if (pattern.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("pattern longer than " + MAX_LENGTH + " characters");
        }
        StixPattern p = new StixPattern(pattern);
        p.observationExpression();
        p.skipSpace();
        if (p.pos < pattern.length()) {
            throw p.error("unexpected '" + pattern.charAt(p.pos) + "'");
        }
        return new Parsed(List.copyOf(p.comparisons), p.conjunctive);
    }

    private void observationExpression() {
        enter();
        observationTerm();
        while (true) {
            String kw = peekWord();
            if (kw.equals("OR")) {
                pos += 2;
            } else if (kw.equals("AND") || kw.equals("FOLLOWEDBY")) {
                pos += kw.length();
                conjunctive = true;
            } else {
                break;
            }
            observationTerm();
        }
        depth--;
    }

    private void observationTerm() {
        skipSpace();
        if (accept('[')) {
            comparisonExpression();
            expect(']');
        } else if (accept('(')) {
            observationExpression();
            expect(')');
        } else {
            throw error("expected '[' or '('");
        }
        qualifiers();
    }

    private void qualifiers() {
        while (true) {
            String kw = peekWord();
            switch (kw) {
                case "WITHIN" -> {
                    pos += kw.length();
                    number();
                    word("SECONDS");
                }
                case "REPEATS" -> {
                    pos += kw.length();
                    number();
                    word("TIMES");
                }
                case "START" -> {
                    pos += kw.length();
                    literal();
                    word("STOP");
                    literal();
                }
                default -> {
                    return;
                }
            }
        }
    }

    private void comparisonExpression() {
        enter();
        comparisonTerm();
        while (true) {
            String kw = peekWord();
            if (kw.equals("OR")) {
                pos += 2;
            } else if (kw.equals("AND")) {
                pos += 3;
                conjunctive = true;
            } else {
                break;
            }
            comparisonTerm();
        }
        depth--;
    }

    private void comparisonTerm() {
        skipSpace();
        if (accept('(')) {
            comparisonExpression();
            expect(')');
            return;
        }
        if (peekWord().equals("EXISTS")) {
            pos += 6;
            path();
            conjunctive = true;
            return;
        }
        String path = path();
        boolean negated = false;
        if (peekWord().equals("NOT")) {
            pos += 3;
            negated = true;
        }
        skipSpace();
        String op = operator();
        if (op.equals("IN")) {
            expect('(');
            do {
                comparisons.add(new Comparison(path, "=", literal(), negated));
            } while (accept(','));
            expect(')');
            return;
        }
        comparisons.add(new Comparison(path, op, literal(), negated));
    }

    private String operator() {
        for (String op : new String[] {"!=", "<=", ">=", "=", "<", ">"}) {
            if (s.startsWith(op, pos)) {
                pos += op.length();
                return op;
            }
        }
        String kw = peekWord();
        switch (kw) {
            case "LIKE", "MATCHES", "ISSUBSET", "ISSUPERSET", "IN" -> {
                pos += kw.length();
                return kw;
            }
            default -> throw error("expected a comparison operator");
        }
    }

    private String path() {
        skipSpace();
        int start = pos;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == ':' || c == '.' || c == '*') {
                pos++;
            } else if (c == '\'' && pos > start && s.charAt(pos - 1) == '.') {
                int close = s.indexOf('\'', pos + 1);
                if (close < 0) {
                    throw error("unclosed quoted path part");
                }
                pos = close + 1;
            } else if (c == '[' && pos > start && pos + 1 < s.length() && s.charAt(pos + 1) != ' ') {
                int close = s.indexOf(']', pos);
                if (close < 0) {
                    throw error("unclosed list index");
                }
                pos = close + 1;
            } else {
                break;
            }
        }
        String path = s.substring(start, pos);
        if (path.isEmpty() || path.indexOf(':') <= 0) {
            throw error("expected an object path such as file:hashes.MD5");
        }
        return path;
    }

    /** A quoted string (with {@code \'} and {@code \\} escapes), optionally t/h/b-prefixed, a number or a boolean. */
    private String literal() {
        skipSpace();
        if (pos < s.length()
                && "thb".indexOf(s.charAt(pos)) >= 0
                && pos + 1 < s.length()
                && s.charAt(pos + 1) == '\'') {
            pos++;
        }
        if (accept('\'')) {
            StringBuilder b = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '\\' && pos < s.length()) {
                    b.append(s.charAt(pos++));
                } else if (c == '\'') {
                    return b.toString();
                } else {
                    b.append(c);
                }
            }
            throw error("unclosed string");
        }
        int start = pos;
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || "+-.".indexOf(s.charAt(pos)) >= 0)) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a value");
        }
        return s.substring(start, pos);
    }

    private void number() {
        skipSpace();
        int start = pos;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a number");
        }
    }

    private void word(String expected) {
        if (!peekWord().equals(expected)) {
            throw error("expected " + expected);
        }
        pos += expected.length();
    }

    /** The upper-case word at the current position (after spaces), without consuming it; empty if none. */
    private String peekWord() {
        skipSpace();
        int end = pos;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        if (end < s.length() && (s.charAt(end) == ':' || s.charAt(end) == '\'')) {
            return "";
        }
        return s.substring(pos, end).toUpperCase(Locale.ROOT);
    }

    private boolean accept(char c) {
        skipSpace();
        if (pos < s.length() && s.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
    }

    private void skipSpace() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("pattern: " + what + " at character " + (pos + 1));
    }
}
