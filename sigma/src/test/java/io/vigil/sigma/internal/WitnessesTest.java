package io.vigil.sigma.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class WitnessesTest {

    @Test
    void shouldExtractTheLongestRequiredLiteralOfARegex() {
        assertThat(Witnesses.regexLiteral("\\\\(sc|reg)\\.exe\\s+config")).isEqualTo("config");
        assertThat(Witnesses.regexLiteral("(?i)invoke-expression")).isEqualTo("invoke-expression");
        assertThat(Witnesses.regexLiteral("abcd?ef")).isEqualTo("abc");
        assertThat(Witnesses.regexLiteral("ab+cdef")).isEqualTo("cdef");
        assertThat(Witnesses.regexLiteral("x{2,3}yz[a-z]{4}\\.dll$")).isEqualTo(".dll");
        assertThat(Witnesses.regexLiteral("[\\]|(]+\\$env:")).isEqualTo("$env:");
        assertThat(Witnesses.regexLiteral("(foo)*barbaz")).isEqualTo("barbaz");
    }

    @Test
    void shouldGiveNoLiteralWhenUnsure() {
        assertThat(Witnesses.regexLiteral("abc|def")).isNull();
        assertThat(Witnesses.regexLiteral("\\x41\\x42\\x43")).isNull();
        assertThat(Witnesses.regexLiteral("a{|bcd}")).isNull();
        assertThat(Witnesses.regexLiteral("\\Qabc\\E")).isNull();
        assertThat(Witnesses.regexLiteral("a.b.c")).isNull();
        assertThat(Witnesses.regexLiteral("(unbalanced")).isNull();
    }

    /** The literal, when given, occurs (case-folded) in every text the regex finds a match in. */
    @Property(tries = 500)
    void shouldOnlyGiveLiteralsThatEveryMatchContains(
            @ForAll @StringLength(max = 12) String regexChars, @ForAll @StringLength(max = 30) String textChars) {
        String re = onto(regexChars, "ab.?*+|()[]{}\\12,^$");
        String text = onto(textChars, "abAB12{}.");
        Pattern p;
        try {
            p = Pattern.compile(re);
        } catch (RuntimeException e) {
            return; // not a regex
        }
        String literal = Witnesses.regexLiteral(re);
        if (literal != null && p.matcher(text).find()) {
            assertThat(Fold.fold(text)).contains(Fold.fold(literal));
        }
    }

    @Test
    void shouldPreferLongerLiteralsOverShortExactValues() {
        Witnesses.Witness initiated = new Witnesses.Witness("Initiated", "true", Witnesses.Kind.EXACT);
        Witnesses.Witness image = new Witnesses.Witness("Image", "\\certutil.exe", Witnesses.Kind.SUBSTRING);
        Witnesses.Witness present = new Witnesses.Witness("Image", "", Witnesses.Kind.PRESENT);
        assertThat(Witnesses.score(List.of(image))).isGreaterThan(Witnesses.score(List.of(initiated)));
        assertThat(Witnesses.score(List.of(initiated))).isGreaterThan(Witnesses.score(List.of(present)));
        assertThat(Witnesses.score(List.of(new Witnesses.Witness("Image", "a", Witnesses.Kind.SUBSTRING))))
                .isGreaterThan(Witnesses.score(List.of(present)));
    }

    @Test
    void shouldPlanTwoClausesAndVetoFromANegatedFilter() {
        // ParentImage|endswith: \svchost.exe and Image|endswith: \mmc.exe and not filter, where the
        // filter is CommandLine|contains: -Embedding or a glob (not exactly decidable by a literal)
        SelectionMatcher parent = field("ParentImage", "*\\svchost.exe");
        SelectionMatcher image = field("Image", "*\\mmc.exe");
        SelectionMatcher filter = new SelectionMatcher.Field(
                "CommandLine", List.of(string("*-Embedding*"), string("a*b?c")), false, false);
        CompiledDetection d = new CompiledDetection(
                List.of("parent", "image", "filter"),
                List.of(parent, image, filter),
                new Cond.And(List.of(
                        new Cond.Ref("parent", 0),
                        new Cond.Ref("image", 1),
                        new Cond.Not(new Cond.Or(List.of(new Cond.Ref("filter", 2)))))));

        Witnesses.Plan plan = Witnesses.plan(d, FieldNames.IDENTITY);

        assertThat(plan.clauses())
                .containsExactly(
                        List.of(new Witnesses.Witness("ParentImage", "\\svchost.exe", Witnesses.Kind.SUFFIX)),
                        List.of(new Witnesses.Witness("Image", "\\mmc.exe", Witnesses.Kind.SUFFIX)));
        assertThat(plan.vetoes())
                .containsExactly(new Witnesses.Witness("CommandLine", "-embedding", Witnesses.Kind.SUBSTRING));
    }

    @Test
    void shouldNotVetoFromAFilterThatNeedsSeveralFields() {
        SelectionMatcher sel = field("Image", "*.exe");
        SelectionMatcher filter = new SelectionMatcher.AllOf(List.of(field("Image", "*\\a.exe"), field("User", "x")));
        CompiledDetection d = new CompiledDetection(
                List.of("sel", "filter"),
                List.of(sel, filter),
                new Cond.And(List.of(new Cond.Ref("sel", 0), new Cond.Not(new Cond.Ref("filter", 1)))));

        assertThat(Witnesses.plan(d, FieldNames.IDENTITY).vetoes()).isEmpty();
    }

    private static SelectionMatcher field(String name, String value) {
        return new SelectionMatcher.Field(name, List.of(string(value)), false, false);
    }

    private static StringTest string(String value) {
        return StringTest.of(SigmaString.parse(value), false, value);
    }

    private static String onto(String s, String alphabet) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            sb.append(alphabet.charAt(Math.floorMod(s.charAt(i), alphabet.length())));
        }
        return sb.toString();
    }
}
