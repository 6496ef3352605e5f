package io.vigil.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** No rule text may crash the loader: every input is either a rule or a refusal with reasons. */
class ParserRobustnessPropertyTest {

    @Property(tries = 300)
    void shouldNeverThrowOnArbitraryText(@ForAll @StringLength(max = 300) String text) {
        RuleSet set = RuleSet.builder().add("fuzz.yml", text).build();
        assertThat(set.rules().size() + set.refusals().size()).isGreaterThanOrEqualTo(0);
        set.refusals().forEach(r -> assertThat(r.problems()).isNotEmpty());
    }

    @Provide
    Arbitrary<String> conditions() {
        return Arbitraries.of(
                        "sel", "sel2", "_f", "and", "or", "not", "(", ")", "1", "all", "any", "of", "them", "sel*", "|",
                        "count()", "near", "x")
                .list()
                .ofMaxSize(12)
                .map(tokens -> String.join(" ", tokens));
    }

    @Property(tries = 500)
    void shouldLoadOrRefuseEveryCondition(@ForAll("conditions") String condition) {
        String detection = "sel:\n    A: 1\nsel2:\n    B: 2\n_f:\n    C: 3\ncondition: '" + condition + "'";
        RuleSet set = Rules.of(detection);
        assertThat(set.rules().size() + set.refusals().size()).isEqualTo(1);
        if (!set.rules().isEmpty()) {
            // a loaded rule can be evaluated
            assertThat(set.match(MapEvent.of(java.util.Map.of("A", 1)))).hasSizeLessThanOrEqualTo(1);
        }
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().withChars("ab*?\\%-/|").ofMaxLength(12);
    }

    @Property(tries = 300)
    void shouldLoadOrRefuseEveryValueWithAnyModifierChain(
            @ForAll("values") String value, @ForAll("modifierChains") String modifiers) {
        String detection = "sel:\n    F" + modifiers + ": '" + value.replace("'", "''") + "'\ncondition: sel";
        RuleSet set = Rules.of(detection);
        assertThat(set.rules().size() + set.refusals().size()).isEqualTo(1);
        if (!set.rules().isEmpty()) {
            assertThat(set.match(MapEvent.of(java.util.Map.of("F", value)))).hasSizeLessThanOrEqualTo(1);
        }
    }

    @Provide
    Arbitrary<String> modifierChains() {
        return Arbitraries.of(
                        "contains",
                        "startswith",
                        "endswith",
                        "all",
                        "cased",
                        "neq",
                        "re",
                        "i",
                        "base64",
                        "base64offset",
                        "wide",
                        "utf16be",
                        "windash",
                        "cidr",
                        "lt",
                        "hour",
                        "expand",
                        "fieldref")
                .list()
                .ofMaxSize(3)
                .map(ms -> ms.isEmpty() ? "" : "|" + String.join("|", ms));
    }
}
