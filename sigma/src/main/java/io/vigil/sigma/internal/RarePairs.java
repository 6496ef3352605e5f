package io.vigil.sigma.internal;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A prefilter for substring automata: for each pattern, the pair of adjacent chars least likely to
 * occur in event text; a text holding none of the chosen pairs contains no pattern, which one
 * tight pass over the text decides. Start pairs ({@code \m}, {@code mi}, {@code se}, …) are common
 * in Windows paths and command lines; a pattern's rarest pair ({@code ::} in {@code sekurlsa::},
 * {@code kw} in {@code gentilkiwi}) usually is not.
 *
 * <p>Rarity is a fixed estimate, not learnt from events: chars weighted by their frequency in
 * English and Windows text, and the pairs most common in Windows paths and English weighted
 * higher still. A wrong estimate only makes the filter pass more texts, never miss a pattern.
 */
final class RarePairs {
    private RarePairs() {}

    /** Most distinct pairs a filter may hold: more, and nearly every text passes it. */
    static final int MAX_PAIRS = 256;

    private static final String LETTERS_BY_FREQUENCY = "etaoinsrhldcumfpgwybvkxjqz";

    private static final Set<String> COMMON = Set.of(
            ":\\", "c:", "\\w", "\\s", "\\p", "\\m", "\\a", "\\u", "\\d", "\\c", "\\l", "\\r", "\\t", "\\e", ".e", "ex",
            "xe", ".d", "dl", "ll", "sy", "ys", "32", "64", "wi", "in", "nd", "do", "ow", "ws", "st", "te", "em", "ro",
            "so", "of", "ft", "mi", "ic", "cr", "pr", "og", "gr", "ra", "am", "fi", "il", "le", "es", "ap", "pp", "da",
            "at", "ta", "se", "er", "rs", "us", "re", "on", "an", "ti", "ar", "or", "en", "nt", "th", "he", "ha", "ou",
            "to", "it", "is", "al", "ed", "ng", "co", "ve", "ca", "ne", "el", "ri", "ss", "ch", "lo", "ns", "ur", "ce",
            "ma", "ge", "ec", "ni", "ol", "ct");

    /** Estimated frequency of a char in event text (relative). */
    static double weight(char c) {
        int rank = LETTERS_BY_FREQUENCY.indexOf(c);
        if (rank >= 0) {
            return 12.0 / (1 + 0.35 * rank);
        }
        if (c >= '0' && c <= '9') {
            return 4;
        }
        return switch (c) {
            case ' ', '\\' -> 10;
            case '.', '-' -> 5;
            case '/', '_', '"', '=', ':' -> 2;
            default -> 0.5;
        };
    }

    static double score(char a, char b) {
        double s = weight(a) * weight(b);
        return COMMON.contains("" + a + b) ? s * 20 : s;
    }

    /**
     * The filter for folded patterns (bits over 7-bit pairs), or {@code null} when some pattern has
     * fewer than two chars or the patterns need more than {@link #MAX_PAIRS} distinct pairs.
     */
    static long @Nullable [] of(List<String> patterns) {
        if (patterns.isEmpty()) {
            return null;
        }
        long[] bits = new long[(1 << 14) >>> 6];
        int distinct = 0;
        for (String p : patterns) {
            if (p.length() < 2) {
                return null;
            }
            int best = 0;
            double bestScore = Double.MAX_VALUE;
            for (int i = 0; i + 1 < p.length(); i++) {
                double s = score(p.charAt(i), p.charAt(i + 1));
                if (s < bestScore) {
                    bestScore = s;
                    best = i;
                }
            }
            int pair = pair(p.charAt(best), p.charAt(best + 1));
            if ((bits[pair >>> 6] & (1L << pair)) == 0) {
                bits[pair >>> 6] |= 1L << pair;
                if (++distinct > MAX_PAIRS) {
                    return null;
                }
            }
        }
        return bits;
    }

    static int pair(char a, char b) {
        return ((a & 0x7F) << 7) | (b & 0x7F);
    }

    /** Whether the text (folded while read when {@code fold}) holds a pair of the filter. */
    static boolean any(String text, long[] bits, boolean fold) {
        int last = text.length() - 1;
        if (last < 1) {
            return false; // every pattern has two chars or more
        }
        char a = fold ? Fold.fold(text.charAt(0)) : text.charAt(0);
        for (int k = 1; k <= last; k++) {
            char b = fold ? Fold.fold(text.charAt(k)) : text.charAt(k);
            int pair = ((a & 0x7F) << 7) | (b & 0x7F);
            if ((bits[pair >>> 6] & (1L << pair)) != 0) {
                return true;
            }
            a = b;
        }
        return false;
    }
}
