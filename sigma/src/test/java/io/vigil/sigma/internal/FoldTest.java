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
}
