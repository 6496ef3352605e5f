package io.vigil.sigma.internal;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A multi-pattern substring automaton (Aho–Corasick) over chars. Matching is linear in the text
 * plus the number of reported patterns and allocates nothing.
 *
 * <p>Each node is one record of four ints in a flat array (first child, end of children, failure
 * node, first node of its output chain), and its goto transitions are a sorted run of (char,
 * child) int pairs in another flat array (short runs are scanned, wide nodes binary-searched), so
 * a step of the search touches one or two cache lines; the root has a dense table for ASCII. The
 * hash map of the trie is only used while building.
 *
 * <p>When it is small enough ({@link #DENSE_LIMIT} cells), substring search runs a deterministic
 * automaton instead: one table lookup per text char, no failure chains and no branches on child
 * runs. Its table is dense over the patterns' alphabet (each distinct pattern char is a class,
 * every other char is class 0), nodes × (distinct chars + 1) ints.
 *
 * <p>Both searches skip text where no pattern can start: at the root or one char below it, they
 * jump to the next pair of chars that begins a pattern (a 2 KB bit set), which most text of an
 * event lacks; only then are the tables walked.
 */
final class AhoCorasick {
    private static final int LO = 0;
    private static final int HI = 1;
    private static final int FAIL = 2;
    private static final int REPORT = 3;
    private final int[] nodeRecords; // per node, 4 ints: LO, HI (into kids, in pairs), FAIL, REPORT (-1: none)
    private final int[] kids; // (char, child) pairs sorted by char within each node's run
    /** Largest deterministic table built, in ints (4 MB): larger automata keep the sparse search. */
    static final int DENSE_LIMIT = 1 << 20;

    private final int[] dict;
    private final char[] latinClass; // class of each char below 256 (0: in no pattern)
    private final char[] foldedLatinClass; // class of each char below 256 once folded (searchFolding)
    private final char[] otherChars; // sorted pattern chars from 256 up
    private final int classes; // alphabet size, class 0 included
    private final int @Nullable []
            delta; // node * classes + class: next node; null when too large // nearest node on the failure chain
    // (excluding self) with output, or -1
    private final int[] firstOutput; // pattern id ending at this node, or -1
    private final int[] nextOutput; // per pattern: next pattern ending at the same node, or -1
    private final int[] rootAscii; // transitions of the root for chars below 128, -1 when none
    /**
     * Prefilter of substring search, when every pattern has two chars or more: one bit per pair of
     * chars (7 low bits each, so distinct pairs may share a bit) that starts some pattern; null
     * when a pattern has one char.
     */
    private final long @Nullable [] startPairs;
    /** Rarest-pair prefilter of substring search (see {@link RarePairs}), or null. */
    private final long @Nullable [] rarePairs;
    /** Per node: whether it is the root or a child of the root (where the prefilter may skip). */
    private final boolean[] shallow;
    /** The substring search by rare grams, when chosen (then no trie, table or pair filter is built). */
    private final @Nullable GramSearch grams;

    /** Receives the ids of patterns found in a text. */
    interface Sink {
        void found(int pattern);
    }

    AhoCorasick(List<String> patterns) {
        this(patterns, DENSE_LIMIT, true);
    }

    /** An automaton whose deterministic table is built only up to {@code denseLimit} ints (tests: 0). */
    AhoCorasick(List<String> patterns, int denseLimit) {
        this(patterns, denseLimit, false);
    }

    /**
     * An automaton whose substring search uses {@link GramSearch} when {@code useGrams} and every
     * pattern has two chars or more; else the deterministic table up to {@code denseLimit} ints,
     * and the failure-link search above it.
     */
    AhoCorasick(List<String> patterns, int denseLimit, boolean useGrams) {
        nextOutput = new int[patterns.size()];
        grams = useGrams ? GramSearch.of(patterns) : null;
        if (grams != null) {
            // Every search goes to the grams: the trie, its links and tables would never be walked.
            nodeRecords = new int[4];
            kids = new int[0];
            dict = new int[1];
            latinClass = new char[256];
            foldedLatinClass = new char[256];
            otherChars = new char[0];
            classes = 1;
            delta = null;
            firstOutput = new int[1];
            rootAscii = new int[0];
            startPairs = null;
            rarePairs = null;
            shallow = new boolean[0];
            return;
        }
        int maxNodes = 1 + patterns.stream().mapToInt(String::length).sum();
        if (maxNodes >= 1 << 23) {
            throw new IllegalArgumentException("too many pattern chars: " + maxNodes);
        }
        LongIntMap edges = new LongIntMap(maxNodes);
        int[] failTmp = new int[maxNodes];
        // each node's parent and the char leading to it, recorded once at insertion
        int[] parent = new int[maxNodes];
        char[] via = new char[maxNodes];
        int[] first = new int[maxNodes];
        Arrays.fill(first, -1);
        Arrays.fill(nextOutput, -1);
        int nodes = 1;
        for (int p = 0; p < patterns.size(); p++) {
            String s = patterns.get(p);
            int node = 0;
            for (int i = 0; i < s.length(); i++) {
                long key = key(node, s.charAt(i));
                int child = edges.get(key, -1);
                if (child < 0) {
                    child = nodes++;
                    edges.put(key, child);
                    parent[child] = node;
                    via[child] = s.charAt(i);
                }
                node = child;
            }
            nextOutput[p] = first[node];
            first[node] = p;
        }
        int[] fail = Arrays.copyOf(failTmp, nodes);
        firstOutput = Arrays.copyOf(first, nodes);
        dict = new int[nodes];
        Arrays.fill(dict, -1);
        rootAscii = new int[128];
        for (char c = 0; c < 128; c++) {
            rootAscii[c] = edges.get(key(0, c), -1);
        }
        int[] order = buildLinks(edges, patterns, nodes, parent, via, fail);
        // flat sorted child runs, from the parent/char of every non-root node
        int[] childStart = new int[nodes + 1];
        kids = new int[2 * (nodes - 1)];
        buildChildren(nodes, parent, via, childStart);
        nodeRecords = new int[4 * nodes];
        for (int n = 0; n < nodes; n++) {
            nodeRecords[4 * n + LO] = 2 * childStart[n];
            nodeRecords[4 * n + HI] = 2 * childStart[n + 1];
            nodeRecords[4 * n + FAIL] = fail[n];
            nodeRecords[4 * n + REPORT] = firstOutput[n] >= 0 ? n : dict[n];
        }
        boolean[] seen = new boolean[1 << 16];
        for (int n = 1; n < nodes; n++) {
            seen[via[n]] = true;
        }
        latinClass = new char[256];
        int k = 1;
        for (char c = 0; c < 256; c++) {
            if (seen[c]) {
                latinClass[c] = (char) k++;
            }
        }
        StringBuilder others = new StringBuilder();
        for (int c = 256; c < seen.length; c++) {
            if (seen[c]) {
                others.append((char) c);
            }
        }
        otherChars = others.toString().toCharArray();
        classes = k + otherChars.length;
        foldedLatinClass = new char[256];
        for (char c = 0; c < 256; c++) {
            foldedLatinClass[c] = (char) classOf(Fold.fold(c));
        }
        delta = (long) nodes * classes <= denseLimit ? buildDelta(nodes, order) : null;
        shallow = new boolean[nodes];
        shallow[0] = true;
        for (int n = 1; n < nodes; n++) {
            shallow[n] = parent[n] == 0;
        }
        startPairs = startPairs(patterns);
        rarePairs = RarePairs.of(patterns);
    }

    /** Prefix and suffix walks need the trie, which a gram search does not build. */
    private void requireTrie() {
        if (grams != null) {
            throw new IllegalStateException("prefix and suffix searches need an automaton built without grams");
        }
    }

    /** Whether substring search runs by rare grams ({@link GramSearch}). */
    boolean usesGrams() {
        return grams != null;
    }

    private static long @Nullable [] startPairs(List<String> patterns) {
        if (patterns.isEmpty() || patterns.stream().anyMatch(p -> p.length() < 2)) {
            return null;
        }
        long[] bits = new long[(1 << 14) >>> 6];
        for (String p : patterns) {
            int pair = pair(p.charAt(0), p.charAt(1));
            bits[pair >>> 6] |= 1L << pair;
        }
        return bits;
    }

    private static int pair(char a, char b) {
        return ((a & 0x7F) << 7) | (b & 0x7F);
    }

    /**
     * Where the search goes on at position {@code i} in state {@code node} (the root or a child of
     * it): the first position from the one its state starts at where a pattern may start (its
     * first two chars are one of {@link #startPairs}), or -1 when none. Every pattern has two chars
     * or more, so a pattern that neither starts there nor later does not occur; and a state of one
     * char whose pair with the next char starts no pattern moves on as the root would. So when
     * the result is above {@code i}, the search resumes there from the root.
     */
    private static int resume(String text, int i, int node, long[] pairs, boolean fold) {
        int last = text.length() - 1;
        for (int k = node == 0 ? i : i - 1; k < last; k++) {
            char a = text.charAt(k);
            char b = text.charAt(k + 1);
            int pair = fold ? pair(Fold.fold(a), Fold.fold(b)) : pair(a, b);
            if ((pairs[pair >>> 6] & (1L << pair)) != 0) {
                return k;
            }
        }
        return -1;
    }

    /** The class of a char (0 when no pattern has it). */
    private int classOf(char c) {
        if (c < 256) {
            return latinClass[c];
        }
        int i = Arrays.binarySearch(otherChars, c);
        return i < 0 ? 0 : classes - otherChars.length + i;
    }

    /** The deterministic transitions: a node's goto edge, else its failure node's transition. */
    private int[] buildDelta(int nodes, int[] breadthFirst) {
        int[] d = new int[nodes * classes];
        for (int node : breadthFirst) {
            int base = node * classes;
            if (node != 0) {
                System.arraycopy(d, nodeRecords[4 * node + FAIL] * classes, d, base, classes);
            }
            for (int i = nodeRecords[4 * node + LO]; i < nodeRecords[4 * node + HI]; i += 2) {
                d[base + classOf((char) kids[i])] = kids[i + 1];
            }
        }
        return d;
    }

    /** Whether substring search uses the deterministic table (for tests and sizing). */
    boolean isDense() {
        return delta != null;
    }

    private void buildChildren(int nodes, int[] parent, char[] via, int[] childStart) {
        long[] sorted = new long[nodes - 1];
        for (int n = 1; n < nodes; n++) {
            sorted[n - 1] = ((long) parent[n] << 40) | ((long) via[n] << 24) | n;
        }
        Arrays.sort(sorted);
        int[] count = new int[nodes];
        for (int n = 1; n < nodes; n++) {
            count[parent[n]]++;
        }
        for (int n = 0; n < nodes; n++) {
            childStart[n + 1] = childStart[n] + count[n];
        }
        for (int i = 0; i < sorted.length; i++) {
            kids[2 * i] = (int) ((sorted[i] >>> 24) & 0xFFFF);
            kids[2 * i + 1] = (int) (sorted[i] & 0xFFFFFF);
        }
    }

    /** The goto transition of {@code node} on {@code c}, or -1. */
    private int child(int node, char c) {
        int lo = nodeRecords[4 * node + LO];
        int hi = nodeRecords[4 * node + HI];
        if (hi - lo <= 16) {
            for (int i = lo; i < hi; i += 2) {
                int k = kids[i];
                if (k == c) {
                    return kids[i + 1];
                }
                if (k > c) {
                    return -1;
                }
            }
            return -1;
        }
        int l = lo >>> 1;
        int h = (hi >>> 1) - 1;
        while (l <= h) {
            int mid = (l + h) >>> 1;
            int k = kids[2 * mid];
            if (k < c) {
                l = mid + 1;
            } else if (k > c) {
                h = mid - 1;
            } else {
                return kids[2 * mid + 1];
            }
        }
        return -1;
    }

    /** Number of trie nodes (for tests and sizing). */
    int nodeCount() {
        return nodeRecords.length / 4;
    }

    private int[] buildLinks(LongIntMap edges, List<String> patterns, int nodes, int[] parent, char[] via, int[] fail) {
        // children lists are implicit in the edge map: walk the patterns' prefixes breadth-first
        int[] depthOrder = breadthFirst(edges, patterns, nodes);
        for (int node : depthOrder) {
            if (node == 0) {
                continue;
            }
            int p = parent[node];
            if (p == 0) {
                fail[node] = 0;
            } else {
                int f = fail[p];
                while (true) {
                    int next = edges.get(key(f, via[node]), -1);
                    if (next >= 0) {
                        fail[node] = next;
                        break;
                    }
                    if (f == 0) {
                        fail[node] = 0;
                        break;
                    }
                    f = fail[f];
                }
            }
            int f = fail[node];
            dict[node] = firstOutput[f] >= 0 ? f : dict[f];
        }
        return depthOrder;
    }

    private static int[] breadthFirst(LongIntMap edges, List<String> patterns, int nodes) {
        int[] depth = new int[nodes];
        for (String s : patterns) {
            int node = 0;
            for (int i = 0; i < s.length(); i++) {
                node = edges.get(key(node, s.charAt(i)), -1);
                depth[node] = i + 1;
            }
        }
        Integer[] order = new Integer[nodes];
        for (int i = 0; i < nodes; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(depth[a], depth[b]));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    private static long key(int node, char c) {
        return ((long) node << 16) | c;
    }

    /** Reports every pattern occurring in {@code text} (a pattern may be reported several times). */
    void search(String text, Sink sink) {
        search(text, sink, false);
    }

    /**
     * For folded patterns: reports every pattern occurring in {@code Fold.fold(text)}, folding each
     * char as it is read instead of making the folded string.
     */
    void searchFolding(String text, Sink sink) {
        search(text, sink, true);
    }

    /** Whether some pattern occurs in {@code text} (stops at the first one found). */
    boolean containsAny(String text) {
        return search(text, null, false);
    }

    /** Whether some pattern is a prefix of {@code text}. */
    boolean anyPrefixOf(String text) {
        requireTrie();
        int node = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            node = node == 0 && c < 128 ? rootAscii[c] : child(node, c);
            if (node < 0) {
                return false;
            }
            if (firstOutput[node] >= 0) {
                return true;
            }
        }
        return false;
    }

    /** For an automaton built over reversed patterns: whether some pattern is a suffix of {@code text}. */
    boolean anyReversedSuffixOf(String text) {
        requireTrie();
        int node = 0;
        for (int i = text.length() - 1; i >= 0; i--) {
            char c = text.charAt(i);
            node = node == 0 && c < 128 ? rootAscii[c] : child(node, c);
            if (node < 0) {
                return false;
            }
            if (firstOutput[node] >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Reports to {@code sink}, or with no sink returns true at the first pattern found. */
    private boolean search(String text, @Nullable Sink sink, boolean fold) {
        if (nextOutput.length == 0) {
            return false; // no patterns: nothing to scan for
        }
        GramSearch g = grams;
        if (g != null) {
            return g.search(text, sink, fold);
        }
        long[] rare = rarePairs;
        if (rare != null && !RarePairs.any(text, rare, fold)) {
            return false; // no pattern's rarest pair: no pattern
        }
        int[] d = delta;
        if (d != null) {
            return searchDense(text, d, sink, fold);
        }
        long[] pairs = startPairs;
        int node = 0;
        for (int i = 0; i < text.length(); i++) {
            if (pairs != null && shallow[node]) {
                int k = resume(text, i, node, pairs, fold);
                if (k < 0) {
                    return false;
                }
                if (k > i) {
                    node = 0;
                    i = k;
                }
            }
            char c = fold ? Fold.fold(text.charAt(i)) : text.charAt(i);
            while (true) {
                int next = node == 0 && c < 128 ? rootAscii[c] : child(node, c);
                if (next >= 0) {
                    node = next;
                    break;
                }
                if (node == 0) {
                    break;
                }
                node = nodeRecords[4 * node + FAIL];
            }
            int report = nodeRecords[4 * node + REPORT];
            if (report >= 0) {
                if (sink == null) {
                    return true;
                }
                for (int n = report; n >= 0; n = dict[n]) {
                    for (int p = firstOutput[n]; p >= 0; p = nextOutput[p]) {
                        sink.found(p);
                    }
                }
            }
        }
        return false;
    }

    private boolean searchDense(String text, int[] d, @Nullable Sink sink, boolean fold) {
        int node = 0;
        int k = classes;
        char[] latin = fold ? foldedLatinClass : latinClass;
        long[] pairs = startPairs;
        boolean[] top = shallow;
        for (int i = 0; i < text.length(); i++) {
            if (pairs != null && top[node]) {
                int r = resume(text, i, node, pairs, fold);
                if (r < 0) {
                    return false;
                }
                if (r > i) {
                    node = 0;
                    i = r;
                }
            }
            char c = text.charAt(i);
            node = d[node * k + (c < 256 ? latin[c] : classOf(fold ? Fold.fold(c) : c))];
            int report = nodeRecords[4 * node + REPORT];
            if (report >= 0) {
                if (sink == null) {
                    return true;
                }
                for (int n = report; n >= 0; n = dict[n]) {
                    for (int p = firstOutput[n]; p >= 0; p = nextOutput[p]) {
                        sink.found(p);
                    }
                }
            }
        }
        return false;
    }

    /** Reports every pattern that is a prefix of {@code text}: a walk down the trie, no scan. */
    void searchPrefixes(String text, Sink sink) {
        requireTrie();
        int node = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            node = node == 0 && c < 128 ? rootAscii[c] : child(node, c);
            if (node < 0) {
                return;
            }
            for (int p = firstOutput[node]; p >= 0; p = nextOutput[p]) {
                sink.found(p);
            }
        }
    }

    /**
     * For an automaton built over reversed patterns: reports every pattern whose reverse is a
     * suffix of {@code text}, walking the text backwards from its end.
     */
    void searchReversedSuffixes(String text, Sink sink) {
        requireTrie();
        int node = 0;
        for (int i = text.length() - 1; i >= 0; i--) {
            char c = text.charAt(i);
            node = node == 0 && c < 128 ? rootAscii[c] : child(node, c);
            if (node < 0) {
                return;
            }
            for (int p = firstOutput[node]; p >= 0; p = nextOutput[p]) {
                sink.found(p);
            }
        }
    }
}
