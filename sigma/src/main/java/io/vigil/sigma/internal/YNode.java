package io.vigil.sigma.internal;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A YAML node with its 1-based source line, decoupled from the YAML library. */
public sealed interface YNode permits YNode.YMap, YNode.YList, YNode.YScalar {

    /** 1-based line of the node's start in the rule file. */
    int line();

    /** An ordered mapping; keys are the scalar text of the YAML keys. */
    record YMap(Map<String, YNode> entries, Map<String, Integer> keyLines, int line) implements YNode {
        public YMap {
            entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
            keyLines = Map.copyOf(keyLines);
        }

        public @Nullable YNode get(String key) {
            return entries.get(key);
        }

        public int lineOf(String key) {
            return keyLines.getOrDefault(key, line);
        }
    }

    /** A sequence. */
    record YList(List<YNode> items, int line) implements YNode {
        public YList {
            items = List.copyOf(items);
        }
    }

    /**
     * A scalar: {@code null}, {@link Boolean}, {@link Long}, {@link Double} or {@link String}. Only
     * plain (unquoted) scalars are typed; quoted ones are always strings.
     */
    record YScalar(@Nullable Object value, int line) implements YNode {
        public String text() {
            return value == null ? "" : String.valueOf(value);
        }
    }
}
