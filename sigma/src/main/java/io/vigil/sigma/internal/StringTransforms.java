package io.vigil.sigma.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The value transformations of the string modifiers: windash, encodings, base64, expand. */
final class StringTransforms {
    private static final char[] DASHES = {'-', '/', '\u2013', '\u2014', '\u2015'};
    private static final int[] OFFSET_START = {0, 2, 3};
    private static final int[] OFFSET_END_TRIM = {0, 3, 2};

    private StringTransforms() {}

    /** Every permutation of the dash characters (joint replacement beyond three dashes). */
    static List<SigmaString> windash(SigmaString s) {
        List<SigmaString> out = new ArrayList<>();
        int dashes = 0;
        for (SigmaString.Part p : s.parts()) {
            if (p instanceof SigmaString.Lit l) {
                for (int ci1 = 0; ci1 < l.text().length(); ci1++) {
                    char c = l.text().charAt(ci1);
                    dashes += isDash(c) ? 1 : 0;
                }
            }
        }
        if (dashes == 0) {
            return List.of(s);
        }
        if (dashes > 3) {
            for (char d : DASHES) {
                out.add(replaceAll(s, d));
            }
            return out;
        }
        int combos = (int) Math.pow(DASHES.length, dashes);
        for (int combo = 0; combo < combos; combo++) {
            out.add(replaceEach(s, combo));
        }
        return out;
    }

    private static boolean isDash(char c) {
        for (char d : DASHES) {
            if (c == d) {
                return true;
            }
        }
        return false;
    }

    private static SigmaString replaceAll(SigmaString s, char dash) {
        List<SigmaString.Part> parts = new ArrayList<>();
        for (SigmaString.Part p : s.parts()) {
            if (p instanceof SigmaString.Lit l) {
                StringBuilder sb = new StringBuilder();
                for (int ci2 = 0; ci2 < l.text().length(); ci2++) {
                    char c = l.text().charAt(ci2);
                    sb.append(isDash(c) ? dash : c);
                }
                parts.add(new SigmaString.Lit(sb.toString()));
            } else {
                parts.add(p);
            }
        }
        return new SigmaString(parts);
    }

    private static SigmaString replaceEach(SigmaString s, int combo) {
        List<SigmaString.Part> parts = new ArrayList<>();
        int code = combo;
        for (SigmaString.Part p : s.parts()) {
            if (p instanceof SigmaString.Lit l) {
                StringBuilder sb = new StringBuilder();
                for (int ci3 = 0; ci3 < l.text().length(); ci3++) {
                    char c = l.text().charAt(ci3);
                    if (isDash(c)) {
                        sb.append(DASHES[code % DASHES.length]);
                        code /= DASHES.length;
                    } else {
                        sb.append(c);
                    }
                }
                parts.add(new SigmaString.Lit(sb.toString()));
            } else {
                parts.add(p);
            }
        }
        return new SigmaString(parts);
    }

    static byte[] encode(String text, @Nullable Charset charset) {
        return text.getBytes(charset == null ? StandardCharsets.UTF_8 : charset);
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The three shifted encodings that identify {@code bytes} inside a longer base64 text. */
    static List<String> base64Offsets(byte[] bytes) {
        List<String> out = new ArrayList<>(3);
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[bytes.length + shift];
            System.arraycopy(bytes, 0, shifted, shift, bytes.length);
            String encoded = base64(shifted);
            int trim = OFFSET_END_TRIM[(bytes.length + shift) % 3];
            int end = encoded.length() - trim;
            if (end > OFFSET_START[shift]) {
                out.add(encoded.substring(OFFSET_START[shift], end));
            }
        }
        return out;
    }

    /**
     * Replaces {@code %name%} placeholders with every combination of their values; {@code \%} is a
     * plain percent sign. Returns {@code null} and reports the name when a placeholder is unknown.
     */
    static @Nullable List<String> expand(String text, Map<String, List<String>> values, List<String> unresolved) {
        List<String> out = new ArrayList<>();
        out.add("");
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '%') {
                appendAll(out, "%");
                i += 2;
            } else if (c == '%' && text.indexOf('%', i + 1) > i + 1) {
                int end = text.indexOf('%', i + 1);
                String name = text.substring(i + 1, end);
                List<String> replacements = values.get(name);
                if (replacements == null || replacements.isEmpty()) {
                    unresolved.add(name);
                    return null;
                }
                List<String> next = new ArrayList<>();
                for (String prefix : out) {
                    for (String r : replacements) {
                        next.add(prefix + r);
                    }
                }
                out = next;
                i = end + 1;
            } else {
                appendAll(out, String.valueOf(c));
                i++;
            }
        }
        return out;
    }

    private static void appendAll(List<String> list, String s) {
        list.replaceAll(prefix -> prefix + s);
    }
}
