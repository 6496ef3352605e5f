package io.vigil.sigma.internal;

import java.util.Locale;

/**
 * Case folding that agrees with {@link String#regionMatches(boolean, int, String, int, int)}:
 * two chars equal ignoring case fold to the same char, and the length never changes.
 */
public final class Fold {
    private Fold() {}

    /** The folded char of every char (128 KB, shared): one lookup on the hot paths. */
    private static final char[] TABLE = table();

    private static char[] table() {
        char[] table = new char[1 << 16];
        for (int c = 0; c < table.length; c++) {
            table[c] = Character.toLowerCase(Character.toUpperCase((char) c));
        }
        return table;
    }

    public static char fold(char c) {
        return TABLE[c];
    }

    /** The folded string; returns {@code s} itself when nothing changes. */
    public static String fold(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && fold(s.charAt(i)) == s.charAt(i)) {
            i++;
        }
        if (i == n) {
            return s;
        }
        if (isAscii(s, i)) {
            return s.toLowerCase(Locale.ROOT); // the same for ASCII, and no char[] round trip
        }
        char[] out = s.toCharArray();
        for (; i < n; i++) {
            out[i] = fold(out[i]);
        }
        return new String(out);
    }

    private static boolean isAscii(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code text}, folded, contains {@code folded} (already folded), without folding the
     * text into a new string.
     */
    public static boolean containsFolded(String text, String folded) {
        int m = folded.length();
        if (m == 0) {
            return true;
        }
        char first = folded.charAt(0);
        for (int i = 0, last = text.length() - m; i <= last; i++) {
            if (fold(text.charAt(i)) != first) {
                continue;
            }
            int j = 1;
            while (j < m && fold(text.charAt(i + j)) == folded.charAt(j)) {
                j++;
            }
            if (j == m) {
                return true;
            }
        }
        return false;
    }
}
