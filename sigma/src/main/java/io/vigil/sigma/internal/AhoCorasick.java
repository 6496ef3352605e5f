package io.vigil.sigma.internal;

import java.util.Arrays;
import java.util.List;

/**
 * A multi-pattern substring automaton (Aho–Corasick) over chars. Matching is linear in the text
 * plus the number of reported patterns and allocates nothing.
 *
 * <p>Goto transitions are stored per node as a sorted run of (char, child) pairs in two flat arrays
 * (short runs are scanned, wide nodes binary-searched), and the root has a dense table for ASCII.
 * The hash map of the trie is only used while building.
 */
final class AhoCorasick {
    private final int[] childStart; // per node: first index into childChar/childNode; node+1: end
    private final char[] childChar;
    private final int[] childNode;
    private final int[] fail;
    private final int[] dict; // nearest node on the failure chain (excluding self) with output, or -1
    private final int[] firstOutput; // pattern id ending at this node, or -1
    private final int[] nextOutput; // per pattern: next pattern ending at the same node, or -1
    private final int[] rootAscii; // transitions of the root for chars below 128, -1 when none

    /** Receives the ids of patterns found in a text. */
    interface Sink {
        void found(int pattern);
    }

    AhoCorasick(List<String> patterns) {
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
        nextOutput = new int[patterns.size()];
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
        fail = Arrays.copyOf(failTmp, nodes);
        firstOutput = Arrays.copyOf(first, nodes);
        dict = new int[nodes];
        Arrays.fill(dict, -1);
        rootAscii = new int[128];
        for (char c = 0; c < 128; c++) {
            rootAscii[c] = edges.get(key(0, c), -1);
        }
        buildLinks(edges, patterns, nodes, parent, via);
        // flat sorted child runs, from the parent/char of every non-root node
        childStart = new int[nodes + 1];
        childChar = new char[nodes - 1];
        childNode = new int[nodes - 1];
        buildChildren(nodes, parent, via);
    }

    private void buildChildren(int nodes, int[] parent, char[] via) {
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
            childChar[i] = (char) ((sorted[i] >>> 24) & 0xFFFF);
            childNode[i] = (int) (sorted[i] & 0xFFFFFF);
        }
    }

    /** The goto transition of {@code node} on {@code c}, or -1. */
    private int child(int node, char c) {
        int lo = childStart[node];
        int hi = childStart[node + 1];
        if (hi - lo <= 8) {
            for (int i = lo; i < hi; i++) {
                char k = childChar[i];
                if (k == c) {
                    return childNode[i];
                }
                if (k > c) {
                    return -1;
                }
            }
            return -1;
        }
        hi--;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char k = childChar[mid];
            if (k < c) {
                lo = mid + 1;
            } else if (k > c) {
                hi = mid - 1;
            } else {
                return childNode[mid];
            }
        }
        return -1;
    }

    /** Number of trie nodes (for tests and sizing). */
    int nodeCount() {
        return fail.length;
    }

    private void buildLinks(LongIntMap edges, List<String> patterns, int nodes, int[] parent, char[] via) {
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
        if (nextOutput.length == 0) {
            return; // no patterns: nothing to scan for
        }
        int node = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            while (true) {
                int next = node == 0 && c < 128 ? rootAscii[c] : child(node, c);
                if (next >= 0) {
                    node = next;
                    break;
                }
                if (node == 0) {
                    break;
                }
                node = fail[node];
            }
            for (int n = firstOutput[node] >= 0 ? node : dict[node]; n >= 0; n = dict[n]) {
                for (int p = firstOutput[n]; p >= 0; p = nextOutput[p]) {
                    sink.found(p);
                }
            }
        }
    }

    /** Reports every pattern that is a prefix of {@code text}: a walk down the trie, no scan. */
    void searchPrefixes(String text, Sink sink) {
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
