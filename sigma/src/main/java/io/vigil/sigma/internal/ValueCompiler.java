package io.vigil.sigma.internal;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Compiles {@code field|modifier|…: values} into a {@link SelectionMatcher}. */
final class ValueCompiler {
    private static final Set<Modifier> STRING_ONLY = EnumSet.of(
            Modifier.WINDASH,
            Modifier.BASE64,
            Modifier.BASE64OFFSET,
            Modifier.UTF16,
            Modifier.UTF16BE,
            Modifier.UTF16LE,
            Modifier.EXPAND);

    private final Map<String, List<String>> placeholders;

    ValueCompiler(Map<String, List<String>> placeholders) {
        this.placeholders = placeholders;
    }

    /** Returns the matcher, or {@code null} after reporting why the entry cannot be used. */
    @Nullable
    SelectionMatcher compile(String key, YNode node, int line, Problems problems) {
        String[] parts = key.split("\\|", -1);
        String field = parts[0];
        List<Modifier> mods = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            Modifier m = Modifier.byName(parts[i]);
            if (m == null) {
                problems.add(line, "unknown modifier '" + parts[i] + "' in '" + key + "'");
                return null;
            }
            mods.add(m);
        }
        List<@Nullable Object> values = new ArrayList<>();
        if (node instanceof YNode.YList list) {
            for (YNode item : list.items()) {
                if (!(item instanceof YNode.YScalar s)) {
                    problems.add(item.line(), "the values of '" + key + "' must be plain values, not lists or maps");
                    return null;
                }
                values.add(s.value());
            }
        } else if (node instanceof YNode.YScalar s) {
            values.add(s.value());
        } else {
            problems.add(line, "the value of '" + key + "' must be a value or a list of values, not a map");
            return null;
        }
        if (mods.contains(Modifier.EXISTS)) {
            if (values.size() != 1 || !(values.get(0) instanceof Boolean b)) {
                problems.add(line, "'" + key + "' needs true or false");
                return null;
            }
            return new SelectionMatcher.Exists(field, b);
        }
        if (!checkCombination(key, mods, line, problems)) {
            return null;
        }
        List<ValueTest> tests = new ArrayList<>();
        for (Object value : values) {
            if (!compileValue(key, mods, value, line, problems, tests)) {
                return null;
            }
        }
        boolean all = mods.contains(Modifier.ALL);
        boolean negate = mods.contains(Modifier.NEQ);
        if (field.isEmpty()) {
            return new SelectionMatcher.Keywords(tests, all);
        }
        return new SelectionMatcher.Field(field, tests, all, negate);
    }

    private static boolean checkCombination(String key, List<Modifier> mods, int line, Problems problems) {
        boolean re = mods.contains(Modifier.RE);
        for (Modifier m : mods) {
            if (m.isRegexFlag() && !re) {
                problems.add(
                        line,
                        "regex flag '" + m.name().substring(3).toLowerCase(java.util.Locale.ROOT) + "' in '" + key
                                + "' needs the 're' modifier");
                return false;
            }
            if ((re || mods.contains(Modifier.CIDR)) && STRING_ONLY.contains(m)) {
                problems.add(
                        line,
                        "modifier '" + m.name().toLowerCase(java.util.Locale.ROOT)
                                + "' cannot be combined with re or cidr in '" + key + "'");
                return false;
            }
        }
        return true;
    }

    private boolean compileValue(
            String key, List<Modifier> mods, @Nullable Object value, int line, Problems problems, List<ValueTest> out) {
        if (value == null) {
            out.add(new NullTest());
            return true;
        }
        String text = Values.text(value);
        boolean cased = mods.contains(Modifier.CASED);
        if (mods.contains(Modifier.RE)) {
            int flags = (mods.contains(Modifier.RE_I) ? Pattern.CASE_INSENSITIVE : 0)
                    | (mods.contains(Modifier.RE_M) ? Pattern.MULTILINE : 0)
                    | (mods.contains(Modifier.RE_S) ? Pattern.DOTALL : 0);
            try {
                out.add(new RegexTest(Pattern.compile(text, flags), text));
                return true;
            } catch (PatternSyntaxException e) {
                problems.add(line, "invalid regular expression in '" + key + "': " + e.getDescription());
                return false;
            }
        }
        if (mods.contains(Modifier.CIDR)) {
            CidrTest cidr = CidrTest.parse(text);
            if (cidr == null) {
                problems.add(line, "invalid CIDR network '" + text + "' in '" + key + "'");
                return false;
            }
            out.add(cidr);
            return true;
        }
        Modifier timePart =
                mods.stream().filter(Modifier::isTimePart).findFirst().orElse(null);
        Modifier comparison =
                mods.stream().filter(Modifier::isComparison).findFirst().orElse(null);
        if (timePart != null || comparison != null) {
            Double number = Values.number(value);
            if (number == null) {
                problems.add(line, "'" + key + "' needs a number, not '" + text + "'");
                return false;
            }
            Comparison op = comparison == null ? Comparison.EQ : Comparison.of(comparison);
            out.add(
                    timePart != null
                            ? new TimePartTest(timePart, op, number.longValue(), text)
                            : new NumberTest(op, number, text));
            return true;
        }
        if (mods.contains(Modifier.FIELDREF)) {
            out.add(new FieldRefTest(text, matchKind(mods), cased));
            return true;
        }
        return compileString(key, mods, value, line, problems, out);
    }

    private static StringTest.Kind matchKind(List<Modifier> mods) {
        if (mods.contains(Modifier.CONTAINS)) {
            return StringTest.Kind.CONTAINS;
        }
        if (mods.contains(Modifier.STARTSWITH)) {
            return StringTest.Kind.STARTS_WITH;
        }
        return mods.contains(Modifier.ENDSWITH) ? StringTest.Kind.ENDS_WITH : StringTest.Kind.EQUALS;
    }

    private boolean compileString(
            String key, List<Modifier> mods, Object value, int line, Problems problems, List<ValueTest> out) {
        String text = Values.text(value);
        List<SigmaString> current = new ArrayList<>();
        if (mods.contains(Modifier.EXPAND) && value instanceof String) {
            List<String> unresolved = new ArrayList<>();
            List<String> expanded = StringTransforms.expand(text, placeholders, unresolved);
            if (expanded == null) {
                problems.add(
                        line,
                        "unresolved placeholder '%" + unresolved.get(0) + "%' in '" + key
                                + "': supply a value for it or the rule cannot be used");
                return false;
            }
            expanded.forEach(e -> current.add(SigmaString.parse(e)));
        } else {
            current.add(value instanceof String ? SigmaString.parse(text) : SigmaString.literal(text));
        }
        Charset charset = null;
        boolean encoded = false;
        for (Modifier m : mods) {
            List<SigmaString> next = new ArrayList<>();
            switch (m) {
                case CONTAINS ->
                    current.forEach(s -> next.add(s.withLeadingStar().withTrailingStar()));
                case STARTSWITH -> current.forEach(s -> next.add(s.withTrailingStar()));
                case ENDSWITH -> current.forEach(s -> next.add(s.withLeadingStar()));
                case WINDASH -> current.forEach(s -> next.addAll(StringTransforms.windash(s)));
                case UTF16LE -> charset = StandardCharsets.UTF_16LE;
                case UTF16BE -> charset = StandardCharsets.UTF_16BE;
                case UTF16 -> charset = StandardCharsets.UTF_16;
                case BASE64, BASE64OFFSET -> {
                    for (SigmaString s : current) {
                        if (s.hasWildcards()) {
                            problems.add(line, "'" + key + "': wildcards cannot be base64-encoded");
                            return false;
                        }
                        byte[] bytes = StringTransforms.encode(s.plain(), charset);
                        if (m == Modifier.BASE64) {
                            next.add(SigmaString.literal(StringTransforms.base64(bytes)));
                        } else {
                            StringTransforms.base64Offsets(bytes).forEach(v -> next.add(SigmaString.literal(v)));
                        }
                    }
                    encoded = true;
                    charset = null;
                }
                default -> {
                    // not a value transformation
                }
            }
            if (!next.isEmpty()) {
                current.clear();
                current.addAll(next);
            }
        }
        for (SigmaString s : current) {
            SigmaString finalValue = charset != null && !encoded ? rawBytes(s, charset) : s;
            out.add(StringTest.of(finalValue, mods.contains(Modifier.CASED), text));
        }
        return true;
    }

    /** An encoded value not followed by base64: compare the bytes as ISO-8859-1 characters. */
    private static SigmaString rawBytes(SigmaString s, Charset charset) {
        List<SigmaString.Part> parts = new ArrayList<>();
        for (SigmaString.Part p : s.parts()) {
            if (p instanceof SigmaString.Lit l) {
                parts.add(new SigmaString.Lit(new String(l.text().getBytes(charset), StandardCharsets.ISO_8859_1)));
            } else {
                parts.add(p);
            }
        }
        return new SigmaString(parts);
    }
}
