package io.vigil.server.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.server.incident.CustomerRequests;
import io.vigil.server.incident.IncidentService;
import io.vigil.server.platform.Actor;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.ValidationException;
import io.vigil.server.triage.AutoPublishPolicy;
import io.vigil.server.triage.Candidate;
import io.vigil.server.triage.CandidateDetail;
import io.vigil.server.triage.CandidateStatus;
import io.vigil.server.triage.Priority;
import io.vigil.server.triage.QueuePage;
import io.vigil.server.triage.TriageService;
import io.vigil.server.triage.Verdict;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Native API: the SOC workbench (triage queue, candidates, actions, auto-publish policy, verdicts)
 * and the queue of customer requests awaiting the SOC's first answer.
 */
@Tag(name = "triage")
@RestController
class TriageApiController {

    /** Body of a dismiss. */
    record Dismissal(@Nullable String reason) {}

    /** Body of a promote: both optional (the summary defaults to the best alert's rule and the hosts). */
    record Promotion(@Nullable String summary, @Nullable String priority) {}

    /** Body of a merge. */
    record Merge(@Nullable String incidentId) {}

    /** Body of a policy change. */
    record PolicyBody(
            @Nullable Boolean enabled,
            @Nullable Integer minScore,
            @Nullable List<String> ruleIds,
            @Nullable List<String> levels,
            @Nullable Boolean iocHit) {}

    /**
     * A page of customer requests awaiting the SOC's first answer.
     *
     * @param requests the earliest SLA due time first
     * @param total how many await an answer
     * @param nextOffset the offset of the next page; {@code null} on the last page
     */
    record CustomerRequestPage(
            List<IncidentApiController.IncidentJson> requests,
            long total,
            @Nullable Integer nextOffset) {}

    private final TriageService triage;
    private final IncidentService incidents;
    private final JsonMapper json;

    TriageApiController(TriageService triage, IncidentService incidents, JsonMapper json) {
        this.triage = triage;
        this.incidents = incidents;
        this.json = json;
    }

    /**
     * Customer-created incidents awaiting the SOC's first answer, of every tenant the caller works
     * (or {@code tenantId}), the earliest SLA due time first.
     */
    @Operation(
            summary = "Customer requests awaiting the SOC's first answer, earliest SLA due time first",
            description = "Customer-created incidents (origin CUSTOMER), open or on hold, without a SOC comment yet,"
                    + " of the tenants the caller works (provider admins: all; analysts: their assigned tenants),"
                    + " each with its FIRST_ANSWER SLA clock. A request leaves the queue with the SOC's first"
                    + " comment or when it is resolved or closed. Customers get 403.")
    @GetMapping("/api/triage/customer-requests")
    CustomerRequestPage customerRequests(
            Actor actor,
            @Parameter(description = "Only this tenant (404 when you do not work it)")
                    @RequestParam(required = false)
                    @Nullable
                    String tenantId,
            @Parameter(description = "1-200, default 50") @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable Integer offset) {
        int from = offset == null ? 0 : offset;
        CustomerRequests page = incidents.awaitingAnswer(
                actor,
                tenantId == null || tenantId.isBlank() ? null : TenantId.parse(tenantId.strip()),
                limit == null ? 50 : limit,
                from);
        int next = from + page.requests().size();
        return new CustomerRequestPage(
                page.requests().stream()
                        .map(v -> IncidentApiController.IncidentJson.of(v, false))
                        .toList(),
                page.total(),
                next < page.total() ? next : null);
    }

    /** The queue: candidates by score, {@code status} (default OPEN), {@code limit} (1-200, default 50), {@code offset}. */
    @Operation(summary = "The triage queue: incident candidates by score, highest first")
    @GetMapping("/api/tenants/{tenantId}/triage/queue")
    QueuePage queue(
            Actor actor,
            @PathVariable String tenantId,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable Integer offset) {
        return triage.queue(
                actor,
                TenantId.parse(tenantId),
                status(status),
                limit == null ? 50 : limit,
                offset == null ? 0 : offset);
    }

    /** One candidate with its alerts and their score explanations. */
    @Operation(summary = "One candidate with its alerts, their scores and explanations")
    @GetMapping("/api/tenants/{tenantId}/triage/candidates/{candidateId}")
    CandidateDetail candidate(Actor actor, @PathVariable String tenantId, @PathVariable String candidateId) {
        return triage.candidate(actor, TenantId.parse(tenantId), candidateId);
    }

    /** The auto-written description (Markdown) from the telemetry store. */
    @Operation(summary = "A candidate's auto-written description (Markdown) from the telemetry store")
    @GetMapping("/api/tenants/{tenantId}/triage/candidates/{candidateId}/description")
    ResponseEntity<String> description(Actor actor, @PathVariable String tenantId, @PathVariable String candidateId) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/markdown;charset=UTF-8"))
                .body(triage.description(actor, TenantId.parse(tenantId), candidateId));
    }

    @Operation(
            summary = "Dismiss a candidate as a false positive (the verdict is kept as training data)",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = Dismissal.class))))
    @PostMapping("/api/tenants/{tenantId}/triage/candidates/{candidateId}/dismiss")
    Candidate dismiss(
            Actor actor,
            @PathVariable String tenantId,
            @PathVariable String candidateId,
            @RequestBody(required = false) @Nullable String body,
            HttpServletRequest request) {
        TenantId tenant = visible(actor, tenantId);
        String reason = read(body, Dismissal.class).reason();
        return triage.dismiss(actor, tenant, candidateId, reason == null ? "" : reason, request.getRemoteAddr());
    }

    @Operation(
            summary = "Promote a candidate to a new, unpublished incident",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = Promotion.class))))
    @PostMapping("/api/tenants/{tenantId}/triage/candidates/{candidateId}/promote")
    Candidate promote(
            Actor actor,
            @PathVariable String tenantId,
            @PathVariable String candidateId,
            @RequestBody(required = false) @Nullable String text,
            HttpServletRequest request) {
        TenantId tenant = visible(actor, tenantId);
        Promotion body = text == null || text.isBlank() ? null : read(text, Promotion.class);
        String priority = body == null ? null : body.priority();
        return triage.promote(
                actor,
                tenant,
                candidateId,
                body == null ? null : body.summary(),
                priority == null || priority.isBlank() ? null : priority(priority),
                request.getRemoteAddr());
    }

    @Operation(
            summary = "Merge a candidate's alerts into an existing incident",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = Merge.class))))
    @PostMapping("/api/tenants/{tenantId}/triage/candidates/{candidateId}/merge")
    Candidate merge(
            Actor actor,
            @PathVariable String tenantId,
            @PathVariable String candidateId,
            @RequestBody(required = false) @Nullable String body,
            HttpServletRequest request) {
        TenantId tenant = visible(actor, tenantId);
        String incident = read(body, Merge.class).incidentId();
        return triage.merge(actor, tenant, candidateId, incident == null ? "" : incident, request.getRemoteAddr());
    }

    @Operation(summary = "A tenant's auto-publish policy")
    @GetMapping("/api/tenants/{tenantId}/triage/policy")
    AutoPublishPolicy policy(Actor actor, @PathVariable String tenantId) {
        return triage.policy(actor, TenantId.parse(tenantId));
    }

    /** Replaces the auto-publish policy; omitted fields keep their current value. */
    @Operation(
            summary = "Change a tenant's auto-publish policy (fields left out keep their value)",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = PolicyBody.class))))
    @PutMapping("/api/tenants/{tenantId}/triage/policy")
    AutoPublishPolicy setPolicy(
            Actor actor,
            @PathVariable String tenantId,
            @RequestBody(required = false) @Nullable String text,
            HttpServletRequest request) {
        TenantId tenant = visible(actor, tenantId);
        AutoPublishPolicy now = triage.policy(actor, tenant);
        PolicyBody body = read(text, PolicyBody.class);
        Boolean enabled = body.enabled();
        Integer minScore = body.minScore();
        List<String> ruleIds = body.ruleIds();
        List<String> levels = body.levels();
        Boolean iocHit = body.iocHit();
        AutoPublishPolicy next = new AutoPublishPolicy(
                enabled == null ? now.enabled() : enabled,
                minScore == null ? now.minScore() : minScore,
                ruleIds == null ? now.ruleIds() : ruleIds,
                levels == null ? now.levels() : levels,
                iocHit == null ? now.iocHit() : iocHit);
        return triage.setPolicy(actor, tenant, next, request.getRemoteAddr());
    }

    /** Analysts' verdicts as JSON Lines, for training a scorer (provider admins). */
    @Operation(summary = "Analysts' verdicts as JSON Lines, for training a scorer (provider admins)")
    @GetMapping("/api/triage/verdicts")
    ResponseEntity<String> verdicts(
            Actor actor,
            @RequestParam(required = false) @Nullable String format,
            @RequestParam(required = false) @Nullable String since,
            @RequestParam(required = false) @Nullable Integer limit,
            HttpServletRequest request) {
        if (format != null && !format.equalsIgnoreCase("jsonl")) {
            throw new ValidationException("format", "Only format=jsonl (JSON Lines) is offered.");
        }
        Instant from;
        try {
            from = since == null || since.isBlank() ? Instant.EPOCH : Instant.parse(since.trim());
        } catch (DateTimeParseException e) {
            throw new ValidationException("since", "Not an ISO-8601 instant such as 2026-11-28T06:00:00Z.");
        }
        List<Verdict> verdicts =
                triage.verdicts(actor, from, limit == null ? TriageService.MAX_EXPORT : limit, request.getRemoteAddr());
        StringBuilder lines = new StringBuilder();
        for (Verdict v : verdicts) {
            lines.append(json.writeValueAsString(v)).append('\n');
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/x-ndjson;charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"vigil-verdicts.jsonl\"")
                .body(lines.toString());
    }

    /** The tenant, once the caller may work its queue: checked before the body is read. */
    private TenantId visible(Actor actor, String tenantId) {
        TenantId tenant = TenantId.parse(tenantId);
        triage.requireAccess(actor, tenant);
        return tenant;
    }

    private <T> T read(@Nullable String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw new ValidationException("body", "Send a JSON object.");
        }
        try {
            return json.readValue(body, type);
        } catch (JacksonException e) {
            throw new ValidationException("body", "The request body is not valid JSON of the expected shape.");
        }
    }

    private static CandidateStatus status(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return CandidateStatus.OPEN;
        }
        try {
            return CandidateStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("status", "Use one of OPEN, DISMISSED, PROMOTED, MERGED.");
        }
    }

    private static Priority priority(String value) {
        try {
            return Priority.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("priority", "Use one of HIGH, NORMAL, LOW.");
        }
    }
}
