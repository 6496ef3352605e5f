package io.vigil.sigma.internal;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class FoldTest {

    @Property(tries = 2000)
    void foldedCharsShouldBeEqualExactlyWhenRegionMatchesIgnoringCase(@ForAll char a, @ForAll char b) {
        boolean ignoreCaseEqual = String.valueOf(a).regionMatches(true, 0, String.valueOf(b), 0, 1);
        assertThat(Fold.fold(a) == Fold.fold(b)).isEqualTo(ignoreCaseEqual);
    }

    @Property(tries = 500)
    void foldingShouldKeepLengthAndBeIdempotent(@ForAll String s) {
        String folded = Fold.fold(s);
        assertThat(folded).hasSameSizeAs(s);
        assertThat(Fold.fold(folded)).isEqualTo(folded);
    }

    @Property(tries = 1000)
    void foldingAStringShouldFoldEachChar(@ForAll @net.jqwik.api.constraints.CharRange(from = 0, to = 0x17f) String s) {
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            expected.append(Fold.fold(s.charAt(i)));
        }
        assertThat(Fold.fold(s)).isEqualTo(expected.toString());
        assertThat(Fold.fold("C:\\Windows\\" + s.replaceAll("[^\\x00-\\x7f]", "A")))
                .isEqualTo(("c:\\windows\\" + s.replaceAll("[^\\x00-\\x7f]", "a")).toLowerCase(java.util.Locale.ROOT));
    }

    @Property(tries = 1000)
    void containsFoldedShouldAgreeWithContainsOnTheFoldedText(
            @ForAll @net.jqwik.api.constraints.CharRange(from = 0, to = 0x17f) String text,
            @ForAll
                    @net.jqwik.api.constraints.CharRange(from = 0, to = 0x17f)
                    @net.jqwik.api.constraints.StringLength(max = 3)
                    String needle) {
        String folded = Fold.fold(needle);
        assertThat(Fold.containsFolded(text, folded)).isEqualTo(Fold.fold(text).contains(folded));
        assertThat(Fold.containsFolded("xX" + text + "Yy", Fold.fold(text))).isTrue();
    }
}
