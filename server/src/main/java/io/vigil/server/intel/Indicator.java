package io.vigil.server.intel;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An indicator as an importer read it, before it is stored: a normalised value with what the source
 * said about it. Fields the source left out are {@code null} and take the feed's defaults.
 *
 * @param type the indicator's type
 * @param value the normalised value ({@link IocValues})
 * @param confidence 0-100, or {@code null} when the source gives none
 * @param firstSeen when the source first saw it, if it says
 * @param validUntil when the source says it stops being valid, if it says
 * @param tags labels from the source (malware family, threat type…)
 * @param tlp the source's TLP marking, if any
 * @param description a short text (event title, indicator name)
 */
public record Indicator(
        IocType type,
        String value,
        @Nullable Integer confidence,
        @Nullable Instant firstSeen,
        @Nullable Instant validUntil,
        List<String> tags,
        @Nullable Tlp tlp,
        String description) {

    public Indicator {
        if (confidence != null && (confidence < 0 || confidence > 100)) {
            throw new IllegalArgumentException("confidence must be 0-100, not " + confidence);
        }
        tags = List.copyOf(tags);
        description = description.length() <= 500 ? description : description.substring(0, 500) + "…";
    }

    /** Normalises {@code raw} as {@code type}; throws {@link IllegalArgumentException} saying why it is invalid. */
    public static Indicator of(IocType type, String raw, List<String> tags, String description) {
        IocValues.Normalised n = IocValues.normalise(type, raw);
        return new Indicator(n.type(), n.value(), null, null, null, tags, null, description);
    }

    public Indicator withConfidence(@Nullable Integer c) {
        return new Indicator(type, value, c, firstSeen, validUntil, tags, tlp, description);
    }

    public Indicator withFirstSeen(@Nullable Instant t) {
        return new Indicator(type, value, confidence, t, validUntil, tags, tlp, description);
    }

    public Indicator withValidUntil(@Nullable Instant t) {
        return new Indicator(type, value, confidence, firstSeen, t, tags, tlp, description);
    }

    public Indicator withTlp(@Nullable Tlp t) {
        return new Indicator(type, value, confidence, firstSeen, validUntil, tags, t, description);
    }
}
