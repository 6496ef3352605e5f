package io.vigil.server.api;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.server.detection.Alert;
import io.vigil.server.detection.AlertFilter;
import io.vigil.server.detection.AlertPage;
import io.vigil.server.detection.AlertService;
import io.vigil.server.detection.DetectionRulesService;
import io.vigil.server.detection.RuleHits;
import io.vigil.server.platform.Actor;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Native API: the detection pipeline's alerts and the rules in force (SOC roles). */
@Tag(name = "detection")
@RestController
class AlertApiController {

    private static final List<String> LEVELS = List.of("informational", "low", "medium", "high", "critical");

    private final AlertService alerts;
    private final DetectionRulesService rules;

    AlertApiController(AlertService alerts, DetectionRulesService rules) {
        this.alerts = alerts;
        this.rules = rules;
    }

    /**
     * A tenant's alerts, newest first: {@code level} (repeatable), {@code asset}, {@code rule},
     * {@code from}/{@code to} (ISO-8601 instants, on detection time), {@code limit} (1–1000,
     * default 100), {@code cursor} from the previous page.
     */
    @GetMapping("/api/tenants/{tenantId}/alerts")
    AlertPage list(
            Actor actor,
            @PathVariable String tenantId,
            @RequestParam(name = "level", required = false) @Nullable List<String> level,
            @RequestParam(required = false) @Nullable String asset,
            @RequestParam(required = false) @Nullable String rule,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        List<String> levels = new ArrayList<>();
        for (String l : level == null ? List.<String>of() : level) {
            String normal = l.trim().toLowerCase(Locale.ROOT);
            if (!LEVELS.contains(normal)) {
                throw new ValidationException("level", "Unknown level '" + clip(l) + "'; use one of " + LEVELS + ".");
            }
            levels.add(normal);
        }
        return alerts.list(
                actor,
                new AlertFilter(
                        TenantId.parse(tenantId),
                        instant("from", from),
                        instant("to", to),
                        levels,
                        asset == null || asset.isBlank() ? null : asset.trim().toLowerCase(Locale.ROOT),
                        rule == null || rule.isBlank() ? null : rule.trim(),
                        limit == null ? 100 : limit,
                        cursor == null || cursor.isBlank() ? null : cursor));
    }

    /** One alert with its evidence (which selection, field and value matched) and its event's id. */
    @GetMapping("/api/tenants/{tenantId}/alerts/{alertId}")
    Alert alert(Actor actor, @PathVariable String tenantId, @PathVariable String alertId) {
        return alerts.find(actor, TenantId.parse(tenantId), alertId);
    }

    /** The rules in force: counts by level and the refused rules with their reasons. */
    @GetMapping("/api/detection/rules")
    DetectionRulesService.Summary rules(Actor actor) {
        return rules.summary(actor);
    }

    /** Reloads the rule folders now (they are also checked for changes every minute). */
    @PostMapping("/api/detection/rules/reload")
    DetectionRulesService.Summary reload(Actor actor, HttpServletRequest request) {
        return rules.reload(actor, request.getRemoteAddr());
    }

    /** Alerts per rule over the last {@code hours} (default 24) across the tenants the caller sees: noisy rules. */
    @GetMapping("/api/detection/rule-hits")
    List<RuleHits> ruleHits(
            Actor actor,
            @RequestParam(required = false) @Nullable Integer hours,
            @RequestParam(required = false) @Nullable Integer limit) {
        int h = hours == null ? 24 : hours;
        if (h < 1 || h > 24 * 400) {
            throw new ValidationException("hours", "Must be between 1 and " + 24 * 400 + ", not " + h + ".");
        }
        return alerts.ruleHits(actor, Duration.ofHours(h), limit == null ? 50 : limit);
    }

    private static @Nullable Instant instant(String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new ValidationException(
                    name, "Not an ISO-8601 instant such as 2026-11-28T06:00:00Z: '" + clip(value) + "'.");
        }
    }

    private static String clip(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
