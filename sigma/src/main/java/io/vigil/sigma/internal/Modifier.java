package io.vigil.sigma.internal;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** Every value modifier of Sigma 2.1 (and the regex flag aliases pySigma accepts). */
public enum Modifier {
    CONTAINS("contains"),
    STARTSWITH("startswith"),
    ENDSWITH("endswith"),
    ALL("all"),
    EXISTS("exists"),
    CASED("cased"),
    NEQ("neq"),
    RE("re"),
    RE_I("i"),
    RE_M("m"),
    RE_S("s"),
    BASE64("base64"),
    BASE64OFFSET("base64offset"),
    UTF16LE("utf16le"),
    UTF16BE("utf16be"),
    UTF16("utf16"),
    WINDASH("windash"),
    CIDR("cidr"),
    LT("lt"),
    LTE("lte"),
    GT("gt"),
    GTE("gte"),
    MINUTE("minute"),
    HOUR("hour"),
    DAY("day"),
    WEEK("week"),
    MONTH("month"),
    YEAR("year"),
    EXPAND("expand"),
    FIELDREF("fieldref");

    private static final Map<String, Modifier> ALIASES =
            Map.of("wide", UTF16LE, "ignorecase", RE_I, "multiline", RE_M, "dotall", RE_S);
    private static final Map<String, Modifier> BY_NAME =
            Stream.of(values()).collect(Collectors.toUnmodifiableMap(m -> m.spelling, Function.identity()));

    private final String spelling;

    Modifier(String spelling) {
        this.spelling = spelling;
    }

    /** The modifier spelled {@code name} (case-insensitive), or {@code null} if unknown. */
    public static @Nullable Modifier byName(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        Modifier m = BY_NAME.get(key);
        return m != null ? m : ALIASES.get(key);
    }

    boolean isRegexFlag() {
        return this == RE_I || this == RE_M || this == RE_S;
    }

    boolean isComparison() {
        return this == LT || this == LTE || this == GT || this == GTE;
    }

    boolean isTimePart() {
        return this == MINUTE || this == HOUR || this == DAY || this == WEEK || this == MONTH || this == YEAR;
    }
}
