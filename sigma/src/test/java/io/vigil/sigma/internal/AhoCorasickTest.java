package io.vigil.sigma.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class AhoCorasickTest {

    private static Set<Integer> found(AhoCorasick ac, String text) {
        Set<Integer> out = new TreeSet<>();
        ac.search(text, out::add);
        return out;
    }

    /**
     * What the deterministic table, the sparse failure-link search and (when every pattern has
     * two chars or more) the rare-gram search find: they must agree.
     */
    private static Set<Integer> foundBothWays(List<String> patterns, String text) {
        AhoCorasick dense = new AhoCorasick(patterns, AhoCorasick.DENSE_LIMIT, false);
        AhoCorasick sparse = new AhoCorasick(patterns, 0);
        AhoCorasick grams = new AhoCorasick(patterns);
        assertThat(dense.isDense()).isTrue();
        assertThat(sparse.isDense()).isFalse();
        assertThat(grams.usesGrams()).isEqualTo(patterns.stream().allMatch(p -> p.length() >= 2));
        Set<Integer> out = found(dense, text);
        assertThat(found(sparse, text)).as("sparse search").isEqualTo(out);
        assertThat(found(grams, text)).as("gram search").isEqualTo(out);
        return out;
    }

    @Test
    void shouldFindOverlappingAndNestedPatterns() {
        List<String> patterns = List.of("he", "she", "his", "hers", "\\cmd.exe");
        assertThat(foundBothWays(patterns, "ushers")).containsExactly(0, 1, 3);
        assertThat(foundBothWays(patterns, "c:\\windows\\cmd.exe")).containsExactly(4);
        assertThat(foundBothWays(patterns, "nothing")).isEmpty();
    }

    @Test
    void shouldKeepTheSparseSearchForAutomataAboveTheDenseLimit() {
        StringBuilder alphabet = new StringBuilder();
        for (char c = 0x100; c < 0x100 + 400; c++) {
            alphabet.append(c);
        }
        List<String> patterns = new java.util.ArrayList<>();
        for (int i = 0; i + 8 <= alphabet.length(); i++) {
            patterns.add(alphabet.substring(i, i + 8)); // 393 patterns, ~3,000 nodes x 401 classes
        }
        AhoCorasick big = new AhoCorasick(patterns, AhoCorasick.DENSE_LIMIT, false);

        assertThat(big.isDense()).isFalse();
        assertThat(found(new AhoCorasick(patterns), "x" + alphabet.substring(5, 14) + "y"))
                .containsExactly(5, 6);
        assertThat(found(big, "x" + alphabet.substring(5, 14) + "y")).containsExactly(5, 6);
    }

    @Property(tries = 300)
    void shouldFindExactlyThePatternsThatAreSubstrings(
            @ForAll @Size(min = 1, max = 8) List<@StringLength(min = 1, max = 4) String> patterns,
            @ForAll @StringLength(max = 40) String text) {
        List<String> small =
                patterns.stream().map(p -> p.replaceAll("[^ab]", "a")).toList();
        String t = text.replaceAll("[^ab]", "b");
        Set<Integer> expected = new TreeSet<>();
        for (int i = 0; i < small.size(); i++) {
            if (t.contains(small.get(i))) {
                expected.add(i);
            }
        }
        assertThat(foundBothWays(small, t)).isEqualTo(expected);
    }

    /** Searching raw text for folded patterns finds what searching the folded text finds. */
    @Property(tries = 500)
    void shouldFindInTheRawTextWhatTheFoldedTextContains(
            @ForAll @Size(min = 1, max = 12) List<@StringLength(min = 1, max = 4) String> patterns,
            @ForAll @StringLength(max = 50) String text) {
        String alphabet = "aAbB:\\\u00b5\u00c9\u00e9\u017fsSK\u212ak";
        List<String> folded =
                patterns.stream().map(p -> Fold.fold(onto(p, alphabet))).toList();
        String t = onto(text, alphabet);
        for (AhoCorasick ac : List.of(
                new AhoCorasick(folded),
                new AhoCorasick(folded, AhoCorasick.DENSE_LIMIT),
                new AhoCorasick(folded, 0))) {
            Set<Integer> raw = new TreeSet<>();
            ac.searchFolding(t, raw::add);
            assertThat(raw)
                    .as("dense: %s, grams: %s", ac.isDense(), ac.usesGrams())
                    .isEqualTo(found(ac, Fold.fold(t)));
        }
        Set<Integer> expected = new TreeSet<>();
        for (int i = 0; i < folded.size(); i++) {
            if (Fold.fold(t).contains(folded.get(i))) {
                expected.add(i);
            }
        }
        assertThat(found(new AhoCorasick(folded, 0), Fold.fold(t))).isEqualTo(expected);
    }

    /** Wide nodes (more than eight children, binary-searched) and non-ASCII chars at every depth. */
    @Property(tries = 300)
    void shouldFindPatternsOverAWideAlphabet(
            @ForAll @Size(min = 1, max = 40) List<@StringLength(min = 1, max = 3) String> patterns,
            @ForAll @StringLength(max = 60) String text) {
        String alphabet = "abcdefghijkl\u00e9\u20ac\u0100Z";
        List<String> wide = patterns.stream().map(p -> onto(p, alphabet)).toList();
        String t = onto(text, alphabet);
        Set<Integer> expected = new TreeSet<>();
        for (int i = 0; i < wide.size(); i++) {
            if (t.contains(wide.get(i))) {
                expected.add(i);
            }
        }
        assertThat(foundBothWays(wide, t)).isEqualTo(expected);
    }

    @Test
    void shouldBranchWidelyBelowTheRoot() {
        List<String> patterns = List.of("xa", "xb", "xc", "xd", "xe", "xf", "xg", "xh", "xi", "xj", "x\u00e9");
        AhoCorasick ac = new AhoCorasick(patterns, AhoCorasick.DENSE_LIMIT, false); // the automaton, not grams
        assertThat(ac.nodeCount()).isEqualTo(1 + 1 + patterns.size());
        assertThat(found(ac, "..xj..x\u00e9..xa")).containsExactly(0, 9, 10);
        assertThat(found(ac, "xk xz")).isEmpty();
    }

    private static String onto(String s, String alphabet) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            sb.append(alphabet.charAt(Math.floorMod(s.charAt(i), alphabet.length())));
        }
        return sb.toString();
    }

    /** Trie walks: patterns that are prefixes of the text, and (reversed trie) suffixes. */
    @Property(tries = 300)
    void shouldFindExactlyThePrefixesAndSuffixes(
            @ForAll @Size(min = 1, max = 12) List<@StringLength(min = 1, max = 4) String> patterns,
            @ForAll @StringLength(max = 12) String text) {
        List<String> small = patterns.stream().map(p -> onto(p, "ab\u00e9")).toList();
        String t = onto(text, "ab\u00e9");
        Set<Integer> prefixes = new TreeSet<>();
        Set<Integer> suffixes = new TreeSet<>();
        for (int i = 0; i < small.size(); i++) {
            if (t.startsWith(small.get(i))) {
                prefixes.add(i);
            }
            if (t.endsWith(small.get(i))) {
                suffixes.add(i);
            }
        }
        Set<Integer> foundPrefixes = new TreeSet<>();
        new AhoCorasick(small, 0).searchPrefixes(t, foundPrefixes::add); // as Bucket builds them
        List<String> reversed = small.stream()
                .map(p -> new StringBuilder(p).reverse().toString())
                .toList();
        Set<Integer> foundSuffixes = new TreeSet<>();
        new AhoCorasick(reversed, 0).searchReversedSuffixes(t, foundSuffixes::add);
        assertThat(foundPrefixes).isEqualTo(prefixes);
        assertThat(foundSuffixes).isEqualTo(suffixes);
    }

    /** The early-exit checks agree with the literal comparisons, whatever the prefilters decide. */
    @Property(tries = 500)
    void shouldTellWhetherAnyPatternOccursStartsOrEnds(
            @ForAll @Size(min = 1, max = 12) List<@StringLength(min = 1, max = 5) String> patterns,
            @ForAll @StringLength(max = 40) String text) {
        String alphabet = "ab:k\\.eé";
        List<String> small = patterns.stream().map(p -> onto(p, alphabet)).toList();
        String t = onto(text, alphabet);
        List<String> reversed = small.stream()
                .map(p -> new StringBuilder(p).reverse().toString())
                .toList();
        assertThat(new AhoCorasick(small).containsAny(t))
                .isEqualTo(small.stream().anyMatch(t::contains));
        for (int limit : new int[] {AhoCorasick.DENSE_LIMIT, 0}) {
            assertThat(new AhoCorasick(small, limit).containsAny(t))
                    .isEqualTo(small.stream().anyMatch(t::contains));
            assertThat(new AhoCorasick(small, limit).anyPrefixOf(t))
                    .isEqualTo(small.stream().anyMatch(t::startsWith));
            assertThat(new AhoCorasick(reversed, limit).anyReversedSuffixOf(t))
                    .isEqualTo(small.stream().anyMatch(t::endsWith));
        }
    }

    @Test
    void shouldRejectTextWithoutTheRarestPairOfAnyPattern() {
        long[] filter = java.util.Objects.requireNonNull(
                RarePairs.of(List.of("sekurlsa::", "lsadump::", "gentilkiwi.com")), "filter");
        assertThat(RarePairs.any("c:\\windows\\system32\\lsass.exe -k netsvcs", filter, false))
                .isFalse();
        assertThat(RarePairs.any("mimikatz sekurlsa::logonpasswords", filter, false))
                .isTrue();
        assertThat(RarePairs.any("SEKURLSA::LOGONPASSWORDS", filter, true)).isTrue();
        AhoCorasick ac = new AhoCorasick(List.of("sekurlsa::", "lsadump::"), AhoCorasick.DENSE_LIMIT);
        assertThat(found(ac, "run lsadump::sam")).containsExactly(1);
        assertThat(found(ac, "c:\\windows\\lsass.exe")).isEmpty();
    }

    @Test
    void shouldHaveNoRarePairFilterForOneCharPatternsOrTooManyPairs() {
        assertThat(RarePairs.of(List.of("ab", "c"))).isNull();
        List<String> many = new java.util.ArrayList<>();
        for (char a = 'a'; a <= 'z'; a++) {
            for (char b = '0'; b <= '9'; b++) {
                many.add("" + a + b); // 260 distinct pairs
            }
        }
        assertThat(RarePairs.of(many)).isNull();
    }

    /** Long patterns, repeated occurrences and patterns sharing their rarest gram. */
    @Property(tries = 300)
    void shouldFindLongPatternsByTheirRareGram(
            @ForAll @Size(min = 1, max = 30) List<@StringLength(min = 2, max = 12) String> patterns,
            @ForAll @StringLength(max = 80) String text) {
        String alphabet = "ab\\.:e xĀš";
        List<String> small = patterns.stream().map(p -> onto(p, alphabet)).toList();
        // plant some patterns so that long ones occur, at the start, the end and twice
        String t = small.get(0) + onto(text, alphabet) + small.get(small.size() - 1) + small.get(0);
        Set<Integer> expected = new TreeSet<>();
        for (int i = 0; i < small.size(); i++) {
            if (t.contains(small.get(i))) {
                expected.add(i);
            }
        }
        AhoCorasick grams = new AhoCorasick(small);
        assertThat(grams.usesGrams()).isTrue();
        assertThat(found(grams, t)).isEqualTo(expected);
        assertThat(grams.containsAny(t)).isTrue();
        assertThat(grams.containsAny(onto(text, alphabet)))
                .isEqualTo(small.stream().anyMatch(onto(text, alphabet)::contains));
    }

    /**
     * Long patterns only: the text is looked at every few chars (the stride), each pattern indexed
     * by a window of consecutive grams; occurrences at every offset must still be found.
     */
    @Property(tries = 300)
    void shouldFindLongPatternsLookingAtEveryFewChars(
            @ForAll @Size(min = 1, max = 20) List<@StringLength(min = 5, max = 24) String> patterns,
            @ForAll @StringLength(max = 60) String text,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 20) int offset) {
        String alphabet = "abk:.\\eš";
        List<String> folded =
                patterns.stream().map(p -> Fold.fold(onto(p, alphabet))).toList();
        String body = onto(text, alphabet);
        String t = body.substring(0, Math.min(offset, body.length()))
                + folded.get(0).toUpperCase(java.util.Locale.ROOT)
                + body.substring(Math.min(offset, body.length()));
        Set<Integer> expected = new TreeSet<>();
        for (int i = 0; i < folded.size(); i++) {
            if (Fold.fold(t).contains(folded.get(i))) {
                expected.add(i);
            }
        }
        AhoCorasick grams = new AhoCorasick(folded);
        assertThat(grams.usesGrams()).isTrue();
        Set<Integer> raw = new TreeSet<>();
        grams.searchFolding(t, raw::add);
        assertThat(raw).as("folding while reading").isEqualTo(expected);
        assertThat(found(grams, Fold.fold(t))).as("folded text").isEqualTo(expected);
        assertThat(grams.containsAny(Fold.fold(t))).isTrue();
    }

    /** Over 600 patterns (a gram set of 8 KB or more), with short (2, 3 char) patterns among them and without. */
    @Property(tries = 40)
    void shouldFindPatternsOfLargeSets(
            @ForAll @Size(min = 600, max = 900) List<@StringLength(min = 2, max = 9) String> patterns,
            @ForAll @Size(min = 1, max = 20) List<@StringLength(max = 60) String> texts,
            @ForAll boolean longOnly) {
        String alphabet = "abcdefghij:.\\ -š";
        List<String> folded = patterns.stream()
                .map(p -> Fold.fold(onto(longOnly ? p + "xyzw" : p, alphabet)))
                .toList();
        AhoCorasick grams = new AhoCorasick(folded);
        assertThat(grams.usesGrams()).isTrue();
        for (int k = 0; k < texts.size(); k++) {
            String t =
                    onto(texts.get(k), alphabet) + folded.get(k % folded.size()).toUpperCase(java.util.Locale.ROOT);
            Set<Integer> expected = new TreeSet<>();
            for (int i = 0; i < folded.size(); i++) {
                if (Fold.fold(t).contains(folded.get(i))) {
                    expected.add(i);
                }
            }
            Set<Integer> raw = new TreeSet<>();
            grams.searchFolding(t, raw::add);
            assertThat(raw).as("folding while reading").isEqualTo(expected);
            assertThat(found(grams, Fold.fold(t))).as("folded text").isEqualTo(expected);
        }
    }

    /** Chars that share their low byte collide in the gram keys: a verification, never a false hit. */
    @Test
    void shouldNotReportCharsThatOnlyShareTheLowByte() {
        AhoCorasick grams = new AhoCorasick(List.of("\u0161ab", "xy"));
        assertThat(grams.usesGrams()).isTrue();
        assertThat(found(grams, "aab")).isEmpty(); // a (U+0061) and U+0161 share the low byte
        assertThat(found(grams, "-\u0161ab-")).containsExactly(0);
        assertThat(found(grams, "x")).isEmpty();
    }
}
