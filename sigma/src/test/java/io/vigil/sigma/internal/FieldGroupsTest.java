package io.vigil.sigma.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.sigma.MapEvent;
import io.vigil.sigma.SigmaEvent;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * A field's ORed contains/startswith/endswith literals, grouped into automata when there are
 * several of one kind, match exactly when one of the literal comparisons does.
 */
class FieldGroupsTest {
    private static final String ALPHABET = "abAB\\\\.e:\u00e9\u00c9";

    @Property(tries = 500)
    void shouldMatchWhenAnyLiteralComparisonDoes(
            @ForAll @Size(min = 1, max = 14) List<@StringLength(min = 1, max = 4) String> literals,
            @ForAll @Size(min = 14, max = 14) List<@IntRange(min = 0, max = 3) Integer> kinds,
            @ForAll @StringLength(max = 16) String value) {
        StringTest.Kind[] byCode = {
            StringTest.Kind.CONTAINS, StringTest.Kind.STARTS_WITH, StringTest.Kind.ENDS_WITH, StringTest.Kind.EQUALS
        };
        List<ValueTest> tests = new ArrayList<>();
        for (int i = 0; i < literals.size(); i++) {
            String literal = onto(literals.get(i));
            tests.add(new StringTest(byCode[kinds.get(i)], Fold.fold(literal), new BitSet(), false, literal));
        }
        String v = onto(value);
        SigmaEvent event = MapEvent.of(Map.of("f", v));
        boolean expected = tests.stream().anyMatch(t -> t.test(v, event, FieldNames.IDENTITY));

        SelectionMatcher.Field field = new SelectionMatcher.Field("f", tests, false, false);

        assertThat(field.matches(event, FieldNames.IDENTITY)).isEqualTo(expected);
        FoldCache cache = FoldCache.open(event);
        try {
            assertThat(field.matches(cache, FieldNames.IDENTITY)).isEqualTo(expected);
        } finally {
            cache.close();
        }
    }

    private static String onto(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            sb.append(ALPHABET.charAt(Math.floorMod(s.charAt(i), ALPHABET.length())));
        }
        return sb.toString();
    }
}
