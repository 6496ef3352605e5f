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

    @Test
    void shouldFindOverlappingAndNestedPatterns() {
        AhoCorasick ac = new AhoCorasick(List.of("he", "she", "his", "hers", "\\cmd.exe"));
        assertThat(found(ac, "ushers")).containsExactly(0, 1, 3);
        assertThat(found(ac, "c:\\windows\\cmd.exe")).containsExactly(4);
        assertThat(found(ac, "nothing")).isEmpty();
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
        assertThat(found(new AhoCorasick(small), t)).isEqualTo(expected);
    }
}
