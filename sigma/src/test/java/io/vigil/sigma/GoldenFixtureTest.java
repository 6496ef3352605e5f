package io.vigil.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Golden fixture: rules, events and the expected detections, kept in test resources. */
class GoldenFixtureTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = GoldenFixtureTest.class.getResourceAsStream("golden/" + name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldProduceTheExpectedDetectionsForEveryGoldenEvent() throws IOException {
        RuleSet rules =
                RuleSet.builder().add("golden/rules.yml", resource("rules.yml")).build();
        List<Map<String, Object>> cases = (List<Map<String, Object>>)
                new Load(LoadSettings.builder().build()).loadFromString(resource("events.yml"));

        assertThat(rules.refusals()).isEmpty();
        assertThat(cases).hasSize(9);
        for (Map<String, Object> c : cases) {
            SigmaEvent event = MapEvent.of((Map<String, Object>) Objects.requireNonNull(c.get("event")));
            assertThat(NaiveEvaluator.indexedIds(rules, event))
                    .as("detections for %s", c.get("event"))
                    .isEqualTo(c.get("expected"))
                    .isEqualTo(NaiveEvaluator.matchingIds(rules, event));
        }
    }
}
