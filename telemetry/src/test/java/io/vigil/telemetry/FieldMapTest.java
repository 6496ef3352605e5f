package io.vigil.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldMapTest {

    @Test
    void shouldBehaveLikeALinkedHashMapForRepeatedNamesAndGrowPastTheExpectedSize() {
        FieldMap.Builder builder = FieldMap.builder(2);
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            builder.put("f" + (i % 40), "v" + i);
            expected.put("f" + (i % 40), "v" + i);
        }

        FieldMap map = builder.build();

        assertThat(map).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(map.keySet()).containsExactlyElementsOf(expected.keySet());
        assertThat(map.get("f3")).isEqualTo("v83");
        assertThat(map.name(3)).isEqualTo("f3");
        assertThat(map.valueAt(3)).isEqualTo("v83");
        assertThat(map.containsKey("f40")).isFalse();
        assertThat(map.get("f40")).isNull();
    }

    @Test
    void shouldRefuseEmptyNamesAndChanges() {
        assertThatThrownBy(() -> FieldMap.builder(1).put("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldMap.copyOf(Map.of("", "x"))).isInstanceOf(IllegalArgumentException.class);

        FieldMap map = FieldMap.copyOf(Map.of("Image", "cmd.exe"));
        assertThatThrownBy(() -> map.put("Image", "x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.remove("Image")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(map::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThat(map).containsExactly(Map.entry("Image", "cmd.exe"));
    }

    @Test
    void shouldBeTakenAsItIsByCanonicalEventAndCopiedOtherwise() {
        FieldMap fields = FieldMap.builder(1).put("Image", "cmd.exe").build();
        Map<String, String> plain = new LinkedHashMap<>(fields);

        assertThat(FieldMap.copyOf(fields)).isSameAs(fields);
        assertThat(FieldMap.copyOf(plain)).isNotSameAs(plain).isEqualTo(plain);
        assertThat(FieldMap.builder(0).build()).isEmpty();
    }
}
