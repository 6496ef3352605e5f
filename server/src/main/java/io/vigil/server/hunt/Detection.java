package io.vigil.server.hunt;

import io.vigil.sigma.Evidence;
import io.vigil.sigma.Match;
import io.vigil.telemetry.CanonicalEvent;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/** One rule match found by {@code vigil hunt}, flattened for output. */
record Detection(
        Instant time,
        String host,
        String level,
        String title,
        String ruleId,
        List<String> attack,
        String evidence,
        String source,
        String eventId) {

    static Detection of(CanonicalEvent event, Match match, String source) {
        String evidence =
                match.evidence().stream().map(Detection::describe).distinct().collect(Collectors.joining("; "));
        return new Detection(
                event.envelope().eventTime(),
                event.envelope().asset().value(),
                Objects.requireNonNullElse(match.rule().level(), "none").toLowerCase(Locale.ROOT),
                match.rule().title(),
                match.rule().id(),
                match.rule().attackTechniques(),
                evidence,
                source,
                event.envelope().id().toString());
    }

    private static String describe(Evidence e) {
        String value = e.eventValue().length() > 160 ? e.eventValue().substring(0, 160) + "…" : e.eventValue();
        return (e.field().isEmpty() ? "keyword" : e.field()) + "="
                + value.replace('\n', ' ').replace('\r', ' ');
    }
}
