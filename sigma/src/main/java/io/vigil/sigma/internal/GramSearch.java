package io.vigil.sigma.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Multi-pattern substring search by filtration: each pattern is represented by one gram of up to
 * four chars, the one least likely in event text (its position in the pattern is kept); the text
 * is read once, and at each position the grams ending there are looked up in a small bit set. Only
 * where a bit is set are the patterns holding that gram compared with the text around it.
 *
 * <p>Why not the automaton: an Aho–Corasick walk makes a data-dependent load per char into tables
 * that for a large field (the {@code CommandLine} literals of process creation: 33,000 nodes, or a
 * 4 MB deterministic table) do not fit in the caches, and on this kind of machine a cache miss
 * costs 100–300 ns. Here the per-char work is a shift, a multiply and one bit test in a set of 64
 * bits per pattern (32 KB for 4,000 patterns), which stays in the first- or second-level cache,
 * and the rare gram makes verifications rare.
 *
 * <p>Grams are keyed by the low byte of each char; chars that share it only cause a verification
 * that fails, never a miss: a pattern that occurs puts its gram, with exactly the pattern's
 * chars, at a known position of the text.
 */
final class GramSearch {
    private static final int MAX_GRAM = 4;
    private static final int MULTIPLIER = 0x9E3779B1;
    /** Largest stride: a wider one indexes more grams per pattern (denser bits, commoner grams). */
    private static final int MAX_STRIDE = 16;

    private final char[][] patterns;
    private final long[] bits;
    private final int shift;
    /**
     * Per entry (a gram of a pattern), in the order of their bits, packed in one long so that a
     * verification touches one array: the pattern (high 32 bits), the offset of the gram's last
     * char in the pattern (next 24 bits) and the gram's length (low 8 bits).
     */
    private final long[] entry;

    /** Per word of {@link #bits}: how many bits are set in the words before it. */
    private final int[] rank;
    /** Per set bit, in order: its first entry (one more element: the number of entries). */
    private final int[] firstEntry;

    private final boolean has2;
    private final boolean has3;
    private final boolean has4;
    private final int shortest;
    /**
     * Every how many chars the text is looked at: when every pattern has {@code MAX_GRAM + k - 1}
     * chars or more, each pattern is indexed by a window of {@code k} consecutive grams and only
     * every {@code k}th position of the text is looked up; an occurrence spans {@code k}
     * consecutive gram positions, so one of them is looked up. 1 otherwise.
     */
    private final int stride;

    private GramSearch(List<String> list) {
        int n = list.size();
        patterns = new char[n][];
        int min = list.stream().mapToInt(String::length).min().orElse(0);
        shortest = min;
        stride = min >= MAX_GRAM ? Math.min(MAX_STRIDE, min - MAX_GRAM + 1) : 1;
        int entries = n * stride;
        int size = Integer.highestOneBit(Math.max(64, entries * 64) - 1) << 1;
        size = Math.min(size, 1 << 20);
        bits = new long[size >>> 6];
        shift = 32 - Integer.numberOfTrailingZeros(size);
        // how many patterns hold each gram, anywhere: a gram many patterns share (ows\, rvic,
        // type) is common in the text those patterns describe, and choosing it would make every
        // pattern holding it a verification wherever it occurs
        Map<Integer, Integer> shared = new HashMap<>();
        for (String pattern : list) {
            int q = Math.min(MAX_GRAM, pattern.length());
            Set<Integer> keys = new HashSet<>();
            for (int o = 0; o + q <= pattern.length(); o++) {
                keys.add(key(pattern, o, q));
            }
            keys.forEach(k -> shared.merge(k, 1, Integer::sum));
        }
        long[] sorted = new long[entries];
        int[] ends = new int[entries];
        byte[] grams = new byte[entries];
        boolean two = false;
        boolean three = false;
        boolean four = false;
        int e = 0;
        for (int p = 0; p < n; p++) {
            String pattern = list.get(p);
            patterns[p] = pattern.toCharArray();
            int q = Math.min(MAX_GRAM, pattern.length());
            // the window of `stride` consecutive grams least likely in text
            int best = 0;
            double bestScore = Double.MAX_VALUE;
            for (int o = 0; o + stride - 1 + q <= pattern.length(); o++) {
                double windowScore = 0;
                for (int g = o; g < o + stride; g++) {
                    windowScore += score(patterns[p], g, q) * shared.getOrDefault(key(pattern, g, q), 1);
                }
                if (windowScore < bestScore) {
                    bestScore = windowScore;
                    best = o;
                }
            }
            for (int g = best; g < best + stride; g++) {
                int bit = (key(pattern, g, q) * MULTIPLIER) >>> shift;
                bits[bit >>> 6] |= 1L << bit;
                sorted[e] = ((long) bit << 32) | e;
                ends[e] = g + q - 1;
                grams[e] = (byte) q;
                e++;
            }
            two |= q == 2;
            three |= q == 3;
            four |= q == 4;
        }
        Arrays.sort(sorted);
        int[] entryBit = new int[entries];
        entry = new long[entries];
        for (int i = 0; i < entries; i++) {
            int k = (int) sorted[i];
            entryBit[i] = (int) (sorted[i] >>> 32);
            entry[i] = ((long) (k / stride) << 32) | ((long) ends[k] << 8) | grams[k];
        }
        has2 = two;
        has3 = three;
        has4 = four;
        // entries of the k-th set bit (in bit order) are [firstEntry[k], firstEntry[k + 1]); the
        // set bits before each word are counted once here, so a lookup is a popcount, not a search
        rank = new int[bits.length];
        int distinct = 0;
        for (int w = 0; w < bits.length; w++) {
            rank[w] = distinct;
            distinct += Long.bitCount(bits[w]);
        }
        firstEntry = new int[distinct + 1];
        int d = 0;
        for (int i = 0; i < entries; i++) {
            if (i == 0 || entryBit[i] != entryBit[i - 1]) {
                firstEntry[d++] = i;
            }
        }
        firstEntry[d] = entries;
    }

    /** The search over {@code patterns} (folded), or null when one has fewer than two chars. */
    static @Nullable GramSearch of(List<String> patterns) {
        if (patterns.isEmpty() || patterns.stream().anyMatch(p -> p.length() < 2)) {
            return null;
        }
        return new GramSearch(patterns);
    }

    /** The key of the gram {@code pattern[o, o + q)}: the low byte of each char. */
    private static int key(String pattern, int o, int q) {
        int key = 0;
        for (int i = o; i < o + q; i++) {
            key = (key << 8) | (pattern.charAt(i) & 0xFF);
        }
        return key;
    }

    /** Estimated likelihood of the gram {@code chars[o, o + q)} in event text (a Markov chain of pairs). */
    private static double score(char[] chars, int o, int q) {
        double s = RarePairs.score(chars[o], chars[o + 1]);
        for (int i = o + 1; i + 1 < o + q; i++) {
            s *= RarePairs.score(chars[i], chars[i + 1]) / RarePairs.weight(chars[i]);
        }
        return s;
    }

    /**
     * Reports every pattern occurring in {@code text} (folded while read when {@code fold}), a
     * pattern possibly several times; with no sink, returns true at the first one found.
     */
    boolean search(String text, AhoCorasick.@Nullable Sink sink, boolean fold) {
        if (text.length() < shortest) {
            return false;
        }
        if (stride > 1) {
            return searchStrided(text, sink, fold);
        }
        if (!has2 && !has3) {
            return fold ? searchFolding4(text, sink) : search4(text, sink);
        }
        return searchAny(text, sink, fold);
    }

    /** {@link #search} when every gram has four chars and the text is folded already (the hot loop). */
    private boolean search4(String text, AhoCorasick.@Nullable Sink sink) {
        long[] set = bits;
        int s = shift;
        int window = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            window = (window << 8) | (text.charAt(i) & 0xFF);
            int bit = (window * MULTIPLIER) >>> s;
            if ((set[bit >>> 6] & (1L << bit)) != 0 && i >= 3 && verify(bit, 4, text, i, sink, false) && sink == null) {
                return true;
            }
        }
        return false;
    }

    /** {@link #search4} folding each char as it is read. */
    private boolean searchFolding4(String text, AhoCorasick.@Nullable Sink sink) {
        long[] set = bits;
        int s = shift;
        int window = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            window = (window << 8) | (Fold.fold(text.charAt(i)) & 0xFF);
            int bit = (window * MULTIPLIER) >>> s;
            if ((set[bit >>> 6] & (1L << bit)) != 0 && i >= 3 && verify(bit, 4, text, i, sink, true) && sink == null) {
                return true;
            }
        }
        return false;
    }

    /** {@link #search} looking only at every {@link #stride}th position (every gram has four chars). */
    private boolean searchStrided(String text, AhoCorasick.@Nullable Sink sink, boolean fold) {
        long[] set = bits;
        int s = shift;
        int k = stride;
        for (int i = MAX_GRAM - 1, n = text.length(); i < n; i += k) {
            int window;
            if (fold) {
                window = (Fold.fold(text.charAt(i - 3)) & 0xFF) << 24
                        | (Fold.fold(text.charAt(i - 2)) & 0xFF) << 16
                        | (Fold.fold(text.charAt(i - 1)) & 0xFF) << 8
                        | (Fold.fold(text.charAt(i)) & 0xFF);
            } else {
                window = (text.charAt(i - 3) & 0xFF) << 24
                        | (text.charAt(i - 2) & 0xFF) << 16
                        | (text.charAt(i - 1) & 0xFF) << 8
                        | (text.charAt(i) & 0xFF);
            }
            int bit = (window * MULTIPLIER) >>> s;
            if ((set[bit >>> 6] & (1L << bit)) != 0 && verify(bit, 4, text, i, sink, fold) && sink == null) {
                return true;
            }
        }
        return false;
    }

    private boolean searchAny(String text, AhoCorasick.@Nullable Sink sink, boolean fold) {
        int n = text.length();
        long[] set = bits;
        int s = shift;
        boolean two = has2;
        boolean three = has3;
        boolean four = has4;
        int window = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (fold) {
                c = Fold.fold(c);
            }
            window = (window << 8) | (c & 0xFF);
            if (four && i >= 3) {
                int bit = (window * MULTIPLIER) >>> s;
                if ((set[bit >>> 6] & (1L << bit)) != 0 && verify(bit, 4, text, i, sink, fold) && sink == null) {
                    return true;
                }
            }
            if (three && i >= 2) {
                int bit = ((window & 0xFFFFFF) * MULTIPLIER) >>> s;
                if ((set[bit >>> 6] & (1L << bit)) != 0 && verify(bit, 3, text, i, sink, fold) && sink == null) {
                    return true;
                }
            }
            if (two && i >= 1) {
                int bit = ((window & 0xFFFF) * MULTIPLIER) >>> s;
                if ((set[bit >>> 6] & (1L << bit)) != 0 && verify(bit, 2, text, i, sink, fold) && sink == null) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Compares the patterns whose gram of {@code q} chars hashes to {@code bit} and ends at {@code i}. */
    private boolean verify(int bit, int q, String text, int i, AhoCorasick.@Nullable Sink sink, boolean fold) {
        int word = bit >>> 6;
        int nth = rank[word] + Long.bitCount(bits[word] & ((1L << bit) - 1));
        boolean found = false;
        for (int k = firstEntry[nth], end = firstEntry[nth + 1]; k < end; k++) {
            long en = entry[k];
            if ((int) (en & 0xFF) != q) {
                continue;
            }
            int p = (int) (en >>> 32);
            int start = i - (int) ((en >>> 8) & 0xFFFFFF);
            char[] pattern = patterns[p];
            if (start < 0 || start + pattern.length > text.length() || !matchesAt(text, start, pattern, fold)) {
                continue;
            }
            if (sink == null) {
                return true;
            }
            sink.found(p);
            found = true;
        }
        return found;
    }

    private static boolean matchesAt(String text, int start, char[] pattern, boolean fold) {
        for (int j = 0; j < pattern.length; j++) {
            char c = text.charAt(start + j);
            if ((fold ? Fold.fold(c) : c) != pattern[j]) {
                return false;
            }
        }
        return true;
    }
}
