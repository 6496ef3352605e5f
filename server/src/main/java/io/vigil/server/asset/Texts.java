package io.vigil.server.asset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Telemetry text made safe to store and show: NUL (which PostgreSQL refuses in text) and unpaired
 * surrogates become U+FFFD, and long values are cut at a code point boundary with an ellipsis.
 */
final class Texts {

    private Texts() {}

    /** {@code s} cleaned and cut to at most {@code max} chars (plus the ellipsis when cut). */
    static String clip(String s, int max) {
        int end = Math.min(s.length(), max);
        if (end < s.length() && end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        StringBuilder b = null;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            boolean bad = c == 0
                    || (Character.isHighSurrogate(c)
                            && (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))))
                    || (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1))));
            if (bad && b == null) {
                b = new StringBuilder(end + 1).append(s, 0, i);
            }
            if (b != null) {
                b.append(bad ? '\uFFFD' : c);
            }
        }
        String out = b == null ? s.substring(0, end) : b.toString();
        return end < s.length() ? out + "…" : out;
    }

    /** The SHA-256 of the value's UTF-8 bytes, in lower-case hex: the key of a prevalence value. */
    static String key(String value) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
