package io.vigil.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

class FieldsJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void shouldEscapeQuotesBackslashesAndControlCharacters() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Image", "C:\\Windows\\cmd.exe");
        fields.put("CommandLine", "cmd /c \"echo\ta\nb\u0001\"");
        assertThat(FieldsJson.write(fields))
                .isEqualTo(
                        "{\"Image\":\"C:\\\\Windows\\\\cmd.exe\",\"CommandLine\":\"cmd /c \\\"echo\\ta\\nb\\u0001\\\"\"}");
    }

    @Property(tries = 300)
    void shouldReadBackAsTheSameFieldsInTheSameOrder(@ForAll Map<String, String> fields) {
        Map<String, String> copy = new LinkedHashMap<>(fields);
        Map<String, String> back =
                JSON.readValue(FieldsJson.write(copy), new TypeReference<LinkedHashMap<String, String>>() {});
        assertThat(back).containsExactlyEntriesOf(copy);
    }
}
