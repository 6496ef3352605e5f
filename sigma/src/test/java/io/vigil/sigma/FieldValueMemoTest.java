package io.vigil.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine remembers, per thread, what a field value marked; one value in two fields (two
 * literal sets) and a value seen again in a later event must still give the same matches as the
 * naive evaluator.
 */
class FieldValueMemoTest {

    private static final RuleSet RULES = RuleSet.builder()
            .add("a.yml", Rules.rule("image-foo", """
                    selection:
                        Image|endswith: '\\foo.exe'
                        CommandLine|contains: ' -enc '
                    condition: selection"""))
            .add("b.yml", Rules.rule("parent-bar", """
                    selection:
                        ParentImage|endswith: '\\bar.exe'
                        CommandLine|contains: ' -enc '
                    condition: selection"""))
            .build();

    private static List<String> matches(String image, String parent) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("Image", image);
        event.put("ParentImage", parent);
        event.put("CommandLine", "x.exe -enc AAAA");
        SigmaEvent e = MapEvent.of(event, Rules.TEST_PRODUCT);
        List<String> indexed = NaiveEvaluator.indexedIds(RULES, e);
        assertThat(indexed).isEqualTo(NaiveEvaluator.matchingIds(RULES, e));
        return indexed;
    }

    @Test
    void shouldKeepTheMemoOfOneFieldFromAnswering() {
        assertThat(RULES.refusals()).isEmpty();
        // the same value in both fields: only the rule on the field it fits must match
        assertThat(matches("C:\\x\\bar.exe", "C:\\x\\bar.exe")).containsExactly("parent-bar");
        assertThat(matches("C:\\x\\foo.exe", "C:\\x\\foo.exe")).containsExactly("image-foo");
        // seen before (remembered), now in the other field
        assertThat(matches("C:\\x\\bar.exe", "C:\\x\\foo.exe")).isEmpty();
        assertThat(matches("C:\\x\\FOO.exe", "C:\\x\\Bar.exe")).containsExactlyInAnyOrder("image-foo", "parent-bar");
        for (int i = 0; i < 10_000; i++) { // evicts and refills the memo's slots
            assertThat(matches("C:\\x\\foo" + i + ".exe", "C:\\x\\bar" + i + ".exe"))
                    .isEmpty();
        }
        assertThat(matches("C:\\x\\foo.exe", "C:\\x\\bar.exe")).containsExactlyInAnyOrder("image-foo", "parent-bar");
    }
}
