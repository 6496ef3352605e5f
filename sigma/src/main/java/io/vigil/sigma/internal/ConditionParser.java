package io.vigil.sigma.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses a Sigma condition. Precedence, loosest first: {@code or}, {@code and}, {@code not},
 * {@code 1 of / any of / all of}, parentheses. Identifiers starting with {@code _} are left out of
 * {@code them}.
 */
public final class ConditionParser {

    /** A condition that cannot be used, with a message for the rule author. */
    public static final class ConditionException extends Exception {
        ConditionException(String message) {
            super(message);
        }
    }

    private final List<String> tokens;
    private final List<String> names;
    private int pos;

    private ConditionParser(List<String> tokens, List<String> names) {
        this.tokens = tokens;
        this.names = names;
    }

    /** Parses {@code text} against the detection's search identifiers, in declaration order. */
    public static Cond parse(String text, List<String> names) throws ConditionException {
        if (text.contains("|")) {
            throw new ConditionException("legacy aggregation ('| count() …') in the condition is not supported in"
                    + " Sigma 2: use a correlation rule");
        }
        ConditionParser p = new ConditionParser(tokenize(text), names);
        if (p.tokens.isEmpty()) {
            throw new ConditionException("empty condition");
        }
        Cond c = p.parseOr();
        if (p.pos < p.tokens.size()) {
            throw new ConditionException("unexpected '" + p.tokens.get(p.pos) + "' in condition '" + text + "'");
        }
        return c;
    }

    private static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(String.valueOf(c));
                i++;
            } else {
                int start = i;
                while (i < text.length()
                        && !Character.isWhitespace(text.charAt(i))
                        && text.charAt(i) != '('
                        && text.charAt(i) != ')') {
                    i++;
                }
                out.add(text.substring(start, i));
            }
        }
        return out;
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos).toLowerCase(Locale.ROOT) : "";
    }

    private Cond parseOr() throws ConditionException {
        List<Cond> ops = new ArrayList<>();
        ops.add(parseAnd());
        while (peek().equals("or")) {
            pos++;
            ops.add(parseAnd());
        }
        return ops.size() == 1 ? ops.get(0) : new Cond.Or(ops);
    }

    private Cond parseAnd() throws ConditionException {
        List<Cond> ops = new ArrayList<>();
        ops.add(parseNot());
        while (peek().equals("and")) {
            pos++;
            ops.add(parseNot());
        }
        return ops.size() == 1 ? ops.get(0) : new Cond.And(ops);
    }

    private Cond parseNot() throws ConditionException {
        if (peek().equals("not")) {
            pos++;
            return new Cond.Not(parseNot());
        }
        return parseAtom();
    }

    private Cond parseAtom() throws ConditionException {
        String t = peek();
        switch (t) {
            case "" -> throw new ConditionException("condition ends too early");
            case "(" -> {
                pos++;
                Cond inner = parseOr();
                if (!peek().equals(")")) {
                    throw new ConditionException("missing ')' in condition");
                }
                pos++;
                return inner;
            }
            case ")", "and", "or" -> throw new ConditionException("unexpected '" + t + "' in condition");
            case "near" ->
                throw new ConditionException(
                        "'near' is obsolete and not supported: use a temporal" + " correlation rule");
            case "1", "any", "all" -> {
                if (pos + 1 < tokens.size() && tokens.get(pos + 1).equalsIgnoreCase("of")) {
                    pos += 2;
                    return parseOf(t.equals("all"));
                }
                return identifier();
            }
            default -> {
                return identifier();
            }
        }
    }

    private Cond parseOf(boolean all) throws ConditionException {
        if (pos >= tokens.size()) {
            throw new ConditionException("'of' needs a pattern or 'them'");
        }
        String target = tokens.get(pos++);
        List<Cond> refs = new ArrayList<>();
        if (target.equalsIgnoreCase("them")) {
            for (int i = 0; i < names.size(); i++) {
                if (!names.get(i).startsWith("_")) {
                    refs.add(new Cond.Ref(names.get(i), i));
                }
            }
        } else {
            Pattern glob = globPattern(target);
            for (int i = 0; i < names.size(); i++) {
                if (glob.matcher(names.get(i)).matches()) {
                    refs.add(new Cond.Ref(names.get(i), i));
                }
            }
        }
        if (refs.isEmpty()) {
            throw new ConditionException("'" + target + "' matches no search identifier");
        }
        if (refs.size() == 1) {
            return refs.get(0);
        }
        return all ? new Cond.And(refs) : new Cond.Or(refs);
    }

    private static Pattern globPattern(String glob) {
        StringBuilder re = new StringBuilder();
        for (int ci1 = 0; ci1 < glob.length(); ci1++) {
            char c = glob.charAt(ci1);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    private Cond identifier() throws ConditionException {
        String name = tokens.get(pos++);
        int index = names.indexOf(name);
        if (index < 0) {
            throw new ConditionException(
                    "condition refers to '" + name + "', which is not a search identifier" + " of this detection");
        }
        return new Cond.Ref(name, index);
    }
}
