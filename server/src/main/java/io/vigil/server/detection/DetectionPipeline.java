package io.vigil.server.detection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vigil.server.ingest.TelemetryLogHandler;
import io.vigil.server.intel.IntelService;
import io.vigil.server.intel.Ioc;
import io.vigil.server.intel.IocHit;
import io.vigil.server.intel.IocMatcher;
import io.vigil.server.platform.TenantId;
import io.vigil.sigma.CorrelationAlert;
import io.vigil.sigma.Evidence;
import io.vigil.sigma.Match;
import io.vigil.sigma.RuleMetadata;
import io.vigil.sigma.RuleSet;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The detection stage: a consumer of the durable telemetry log ({@code detection}) that matches
 * every event against the rules in force and the threat-intelligence indicators, and stores an
 * alert per rule match and per indicator hit. Delivery is
 * at-least-once; an alert's key (tenant, rule, event id) makes a redelivered event raise nothing
 * new, so a restart neither loses nor doubles alerts.
 */
@Component
@ConditionalOnProperty(prefix = "vigil.detection", name = "enabled", havingValue = "true", matchIfMissing = true)
class DetectionPipeline implements TelemetryLogHandler {

    /** The consumer name; its committed position in the log is kept under it. */
    static final String NAME = "detection";

    private final TenantRuleSets packs;
    private final CorrelationStage correlation;
    private final IntelService intel;
    private final AlertService alerts;
    private final AlertEnricher enricher;
    private final Clock clock;
    private final Counter events;
    private final MeterRegistry meters;
    private final Timer latency;

    DetectionPipeline(
            TenantRuleSets packs,
            CorrelationStage correlation,
            IntelService intel,
            AlertService alerts,
            AlertEnricher enricher,
            Clock clock,
            MeterRegistry meters) {
        this.packs = packs;
        this.correlation = correlation;
        this.intel = intel;
        this.alerts = alerts;
        this.enricher = enricher;
        this.clock = clock;
        this.meters = meters;
        this.events = Counter.builder("vigil.detection.events")
                .description("Telemetry events the detection pipeline matched against the rules")
                .register(meters);
        this.latency = Timer.builder("vigil.detection.latency")
                .description("From an event's receipt to its alert being stored")
                .publishPercentileHistogram()
                .register(meters);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void handle(List<CanonicalEvent> batch) {
        enricher.observe(batch); // enrich: assets and fleet prevalence first, so this batch counts
        IocMatcher iocs = intel.matcher();
        Instant now = clock.instant();
        List<Alert> raised = new ArrayList<>();
        List<Instant> received = new ArrayList<>();
        for (CanonicalEvent event : batch) {
            TenantId tenant = new TenantId(event.envelope().tenant().value());
            RuleSet rules = packs.rulesFor(tenant);
            CanonicalSigmaEvent sigmaEvent = new CanonicalSigmaEvent(event);
            List<Match> matches = rules.match(sigmaEvent);
            if (!matches.isEmpty()) {
                Set<String> suppressed = correlation.suppressed(rules);
                Set<String> matched = new HashSet<>();
                for (Match m : matches) {
                    matched.add(m.rule().id());
                    if (!suppressed.contains(m.rule().id())) {
                        raised.add(alert(event, m, now));
                        received.add(event.envelope().receiveTime());
                    }
                }
                if (correlation.correlates(rules)) {
                    for (CorrelationAlert c : correlation.accept(
                            tenant, rules, sigmaEvent, event.envelope().eventTime(), matched)) {
                        raised.add(alert(event, c, matches, now));
                        received.add(event.envelope().receiveTime());
                    }
                }
            }
            for (IocHit hit : iocs.match(event, now)) {
                raised.add(alert(event, hit, now));
                received.add(event.envelope().receiveTime());
            }
        }
        events.increment(batch.size());
        if (raised.isEmpty()) {
            return;
        }
        raised = enricher.attach(raised, batch, iocs, now);
        alerts.record(raised);
        Instant stored = clock.instant();
        for (int i = 0; i < raised.size(); i++) {
            Alert a = raised.get(i);
            Counter.builder("vigil.detection.alerts")
                    .description("Alerts raised (including redelivered events, which add no alert)")
                    .tag("technology", a.technology().name())
                    .tag("level", a.level())
                    .register(meters)
                    .increment();
            latency.record(Duration.between(received.get(i), stored).abs());
        }
    }

    @Override
    public boolean checkpoint() {
        return correlation.checkpoint();
    }

    @Override
    public void restart() {
        correlation.restart();
    }

    /**
     * A correlation that fired as an alert, keyed by rule, group-by values and the window's first
     * event time: reading the same events again (after a restart from the last checkpoint) fires it
     * with the same key, so it is stored once. It links the event that completed the window; a
     * correlation rule without ATT&amp;CK tags carries those of the rules that event matched.
     */
    static Alert alert(CanonicalEvent event, CorrelationAlert c, List<Match> matches, Instant now) {
        EventEnvelope env = event.envelope();
        RuleMetadata rule = c.rule();
        TenantId tenant = new TenantId(env.tenant().value());
        String group = HexFormat.of()
                .formatHex(sha256(String.join("\n", c.groupKey())))
                .substring(0, 32);
        String key = "correlation:" + rule.id() + ":" + group + ":" + c.first().toEpochMilli();
        Set<String> tactics = new LinkedHashSet<>(rule.attackTactics());
        Set<String> techniques = new LinkedHashSet<>(rule.attackTechniques());
        if (tactics.isEmpty() && techniques.isEmpty()) {
            for (Match m : matches) {
                tactics.addAll(m.rule().attackTactics());
                techniques.addAll(m.rule().attackTechniques());
            }
        }
        List<AlertEvidence> evidence = new ArrayList<>();
        for (String g : c.groupKey()) {
            int eq = g.indexOf('=');
            evidence.add(new AlertEvidence("group-by", g.substring(0, Math.max(eq, 0)), "", g.substring(eq + 1)));
        }
        evidence.add(new AlertEvidence(
                "window", "events", "", c.events() + " events from " + c.first() + " to " + c.last()));
        return new Alert(
                Alert.idFor(tenant, key),
                tenant,
                key,
                Alert.Technology.CORRELATION,
                rule.id(),
                rule.title(),
                Objects.requireNonNullElse(rule.level(), "informational"),
                List.copyOf(tactics),
                List.copyOf(techniques),
                env.asset().value(),
                env.id().value(),
                c.last(),
                now,
                evidence);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * An IoC hit as an alert: one per indicator and event, whether or not a rule fired. The level
     * follows the indicator's confidence (at least 75 high, at least 40 medium, else low).
     */
    static Alert alert(CanonicalEvent event, IocHit hit, Instant now) {
        EventEnvelope env = event.envelope();
        Ioc ioc = hit.ioc();
        TenantId tenant = new TenantId(env.tenant().value());
        String key = "ioc:" + ioc.id() + ":" + env.id().value();
        String level = ioc.confidence() >= 75 ? "high" : ioc.confidence() >= 40 ? "medium" : "low";
        return new Alert(
                Alert.idFor(tenant, key),
                tenant,
                key,
                Alert.Technology.IOC,
                "ioc:" + ioc.id(),
                "Known-bad " + ioc.type().name().toLowerCase(java.util.Locale.ROOT) + " " + ioc.value() + " ("
                        + ioc.source() + ")",
                level,
                List.of(),
                List.of(),
                env.asset().value(),
                env.id().value(),
                env.eventTime(),
                now,
                List.of(new AlertEvidence(
                        "ioc",
                        hit.field(),
                        ioc.value(),
                        Objects.requireNonNullElse(event.field(hit.field()), hit.value()))));
    }

    static Alert alert(CanonicalEvent event, Match m, Instant now) {
        EventEnvelope env = event.envelope();
        RuleMetadata rule = m.rule();
        TenantId tenant = new TenantId(env.tenant().value());
        String key = "sigma:" + rule.id() + ":" + env.id().value();
        List<AlertEvidence> evidence = new ArrayList<>();
        for (Evidence e : m.evidence()) {
            evidence.add(new AlertEvidence(e.selection(), e.field(), e.ruleValue(), e.eventValue()));
        }
        return new Alert(
                Alert.idFor(tenant, key),
                tenant,
                key,
                Alert.Technology.SIGMA,
                rule.id(),
                rule.title(),
                Objects.requireNonNullElse(rule.level(), "informational"),
                rule.attackTactics(),
                rule.attackTechniques(),
                env.asset().value(),
                env.id().value(),
                env.eventTime(),
                now,
                evidence);
    }
}
