package io.vigil.sigma;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a rule says about itself. Tags are kept verbatim, including ATT&amp;CK tags unknown to any
 * catalogue.
 *
 * @param id the rule id (a UUID in SigmaHQ rules; any non-blank text is accepted)
 * @param name the optional {@code name} other rules may refer to
 * @param kind detection, correlation or filter
 * @param file the file the rule was read from
 * @param line 1-based line of the rule document's start
 */
public record RuleMetadata(
        String id,
        @Nullable String name,
        RuleKind kind,
        String title,
        @Nullable String status,
        @Nullable String level,
        @Nullable String description,
        @Nullable String author,
        List<String> tags,
        List<String> references,
        List<String> falsePositives,
        List<String> fields,
        LogSource logSource,
        String file,
        int line) {
    public RuleMetadata {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        tags = List.copyOf(tags);
        references = List.copyOf(references);
        falsePositives = List.copyOf(falsePositives);
        fields = List.copyOf(fields);
        Objects.requireNonNull(logSource, "logSource");
        Objects.requireNonNull(file, "file");
    }

    /** ATT&amp;CK tactic names from the tags, e.g. {@code execution}, {@code defense-evasion}. */
    public List<String> attackTactics() {
        return tags.stream()
                .filter(t -> t.regionMatches(true, 0, "attack.", 0, 7) && t.length() > 7)
                .map(t -> t.substring(7).toLowerCase(java.util.Locale.ROOT))
                .filter(t -> !t.matches("[tgs]\\d{4}.*"))
                .map(t -> t.replace('_', '-'))
                .toList();
    }

    /** ATT&amp;CK technique ids from the tags, e.g. {@code T1059.001}. */
    public List<String> attackTechniques() {
        return tags.stream()
                .filter(t -> t.regionMatches(true, 0, "attack.t", 0, 8)
                        && t.substring(8).matches("\\d{4}.*"))
                .map(t -> t.substring(7).toUpperCase(java.util.Locale.ROOT))
                .toList();
    }
}
