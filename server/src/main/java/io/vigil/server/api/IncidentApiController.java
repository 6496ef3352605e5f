package io.vigil.server.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.server.incident.HistoryRecord;
import io.vigil.server.incident.Incident;
import io.vigil.server.incident.IncidentFields;
import io.vigil.server.incident.IncidentIoc;
import io.vigil.server.incident.IncidentQuery;
import io.vigil.server.incident.IncidentService;
import io.vigil.server.incident.IncidentSettings;
import io.vigil.server.incident.IncidentView;
import io.vigil.server.incident.Markdown;
import io.vigil.server.incident.Origin;
import io.vigil.server.incident.Priority;
import io.vigil.server.incident.Resolution;
import io.vigil.server.incident.SlaClock;
import io.vigil.server.incident.SlaReport;
import io.vigil.server.incident.SlaService;
import io.vigil.server.incident.Status;
import io.vigil.server.platform.Actor;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Native incident API: create (SOC from alerts, or a customer's request), list, read, edit,
 * status, publish, link alerts, mark read, history (JSON and CSV), SLA report and per-tenant
 * settings. The tenant in the path is checked before anything else is read.
 */
@Tag(name = "incidents")
@RestController
class IncidentApiController {

    private static final Set<String> FIELDS = Set.of(
            "priority",
            "summary",
            "statusDescription",
            "recommendations",
            "description",
            "mitreTactics",
            "mitreTechniques",
            "detectionTechnology",
            "attackStage",
            "affectedHosts",
            "hostBasedIocs",
            "networkBasedIocs");

    /** An incident as the API shows it (MDR API v1 names in camelCase). */
    record IncidentJson(
            String id,
            String tenantId,
            long number,
            Instant creationTime,
            Instant updateTime,
            long version,
            String createdBy,
            Origin origin,
            Priority priority,
            Status status,
            @Nullable Resolution resolution,
            String summary,
            String statusDescription,
            String recommendations,
            String description,
            String clientDescription,
            List<String> mitreTactics,
            List<String> mitreTechniques,
            String detectionTechnology,
            String attackStage,
            List<String> affectedHosts,
            List<IncidentIoc> hostBasedIocs,
            List<IncidentIoc> networkBasedIocs,
            List<String> alertIds,
            @Nullable Instant firstActivityTime,
            Instant firstDetectionTime,
            boolean published,
            @Nullable Instant publishTime,
            @Nullable Instant firstAnswerTime,
            @Nullable Instant resolveTime,
            @Nullable Instant closeTime,
            boolean wasRead,
            SlaClock sla) {

        static IncidentJson of(IncidentView v, boolean html) {
            Incident i = v.incident();
            return new IncidentJson(
                    i.id(),
                    i.tenant().value(),
                    i.number(),
                    i.creationTime(),
                    i.updateTime(),
                    i.version(),
                    i.createdBy(),
                    i.origin(),
                    i.priority(),
                    i.status(),
                    i.resolution(),
                    i.summary(),
                    md(i.statusDescription(), html),
                    md(i.recommendations(), html),
                    md(i.description(), html),
                    md(i.clientDescription(), html),
                    i.mitreTactics(),
                    i.mitreTechniques(),
                    i.detectionTechnology(),
                    i.attackStage(),
                    i.affectedHosts(),
                    i.hostBasedIocs(),
                    i.networkBasedIocs(),
                    i.alertIds(),
                    i.firstActivityAt(),
                    i.firstDetectedAt(),
                    i.published(),
                    i.publishedAt(),
                    i.firstAnswerAt(),
                    i.resolvedAt(),
                    i.closedAt(),
                    v.wasRead(),
                    v.sla());
        }

        private static String md(String text, boolean html) {
            return html ? Markdown.toHtml(text) : text;
        }
    }

    /** A page of incidents. */
    record IncidentPage(List<IncidentJson> incidents, int page, int pageSize) {}

    private final IncidentService incidents;
    private final SlaService sla;
    private final JsonMapper json;

    IncidentApiController(IncidentService incidents, SlaService sla, JsonMapper json) {
        this.incidents = incidents;
        this.sla = sla;
        this.json = json;
    }

    static TenantId visible(Actor actor, String tenantId) {
        TenantId id = TenantId.parse(tenantId);
        actor.requireVisible(id);
        return id;
    }

    /**
     * A tenant's incidents, most recently changed first: {@code status}, {@code priority}
     * (repeatable), {@code origin}, {@code q} (summary text or number), {@code from}/{@code to}
     * (creation), {@code page} (from 0), {@code pageSize} (1–500, default 50), {@code
     * markdownToHtml}.
     */
    @Operation(
            summary = "List a tenant's incidents, most recently changed first",
            description = "Customers see published incidents and the ones they created.")
    @GetMapping("/api/tenants/{tenantId}/incidents")
    IncidentPage list(
            Actor actor,
            @PathVariable String tenantId,
            @RequestParam(required = false) @Nullable List<String> status,
            @RequestParam(required = false) @Nullable List<String> priority,
            @RequestParam(required = false) @Nullable String origin,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable Integer page,
            @RequestParam(required = false) @Nullable Integer pageSize,
            @RequestParam(defaultValue = "false") boolean markdownToHtml) {
        TenantId tenant = visible(actor, tenantId);
        if (q != null && q.length() > 500) {
            throw new ValidationException("q", "At most 500 characters.");
        }
        Origin o = null;
        if (origin != null && !origin.isBlank()) {
            try {
                o = Origin.valueOf(origin.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ValidationException(
                        "origin", "Unknown origin '" + IncidentRequests.clip(origin) + "'; use SERVICE or CUSTOMER.");
            }
        }
        int p = page == null ? 0 : page;
        int size = pageSize == null ? 50 : pageSize;
        List<IncidentView> views = incidents.list(
                actor,
                new IncidentQuery(
                        tenant,
                        status == null
                                ? List.of()
                                : status.stream().map(Status::parse).toList(),
                        priority == null
                                ? List.of()
                                : priority.stream().map(Priority::parse).toList(),
                        o,
                        q == null || q.isBlank() ? null : q.trim(),
                        IncidentRequests.instant("from", from),
                        IncidentRequests.instant("to", to),
                        p,
                        size));
        return new IncidentPage(
                views.stream().map(v -> IncidentJson.of(v, markdownToHtml)).toList(), p, size);
    }

    /**
     * Creates an incident. The SOC sends the fields plus {@code alertIds} and {@code publish}; a
     * customer sends {@code summary}, {@code clientDescription}, {@code affectedHosts} and
     * optionally {@code priority} (the incident's origin is then CUSTOMER).
     */
    @Operation(
            summary = "Create an incident (SOC: from alerts; customer: a request for the SOC)",
            description = "Customer-created incidents (origin CUSTOMER) enter the SOC's queue of customer requests"
                    + " (GET /api/triage/customer-requests) until the SOC's first comment.",
            requestBody =
                    @RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples = {
                                                @ExampleObject(
                                                        name = "SOC",
                                                        value =
                                                                "{\"summary\": \"Security log cleared on srv-01\", \"priority\": \"HIGH\","
                                                                        + " \"alertIds\": [\"3f1c…\"], \"publish\": true}"),
                                                @ExampleObject(
                                                        name = "customer",
                                                        value =
                                                                "{\"summary\": \"Odd popups on ws-3\", \"clientDescription\":"
                                                                        + " \"Since Monday\", \"affectedHosts\": [\"ws-3\"]}")
                                            })))
    @PostMapping("/api/tenants/{tenantId}/incidents")
    ResponseEntity<IncidentJson> create(Actor actor, @PathVariable String tenantId, HttpServletRequest request) {
        TenantId tenant = visible(actor, tenantId);
        JsonNode body = IncidentRequests.object(json, request);
        IncidentView created;
        if (actor.role().providerSide()) {
            Set<String> known = new java.util.HashSet<>(FIELDS);
            known.add("alertIds");
            known.add("publish");
            IncidentRequests.onlyKnown(body, known);
            IncidentFields blank = new IncidentFields(
                    Priority.NORMAL, "", "", "", "", List.of(), List.of(), "", "", List.of(), List.of(), List.of());
            IncidentFields fields = apply(blank, body);
            if (fields.summary().isBlank()) {
                throw new ValidationException("summary", "Say in a line what happened.");
            }
            List<String> alertIds = IncidentRequests.strings(body, "alertIds");
            created = incidents.create(
                    actor,
                    tenant,
                    fields,
                    alertIds == null ? List.of() : alertIds,
                    IncidentRequests.bool(body, "publish"),
                    request.getRemoteAddr());
        } else {
            IncidentRequests.onlyKnown(body, Set.of("summary", "clientDescription", "affectedHosts", "priority"));
            String summary = IncidentRequests.text(body, "summary");
            String description = IncidentRequests.text(body, "clientDescription");
            List<String> hosts = IncidentRequests.strings(body, "affectedHosts");
            created = incidents.createByCustomer(
                    actor,
                    tenant,
                    summary == null ? "" : summary,
                    description == null ? "" : description,
                    hosts == null ? List.of() : hosts,
                    IncidentRequests.parsed(body, "priority", Priority::parse),
                    request.getRemoteAddr());
        }
        return tagged(HttpStatus.CREATED, IncidentJson.of(created, false));
    }

    @Operation(
            summary = "One incident, with its version as the ETag",
            description = "Send the ETag back in If-Match with PATCH or a status change to refuse (412) a change"
                    + " made on a stale copy.")
    @GetMapping("/api/tenants/{tenantId}/incidents/{incidentId}")
    ResponseEntity<IncidentJson> get(
            Actor actor,
            @PathVariable String tenantId,
            @PathVariable String incidentId,
            @RequestParam(defaultValue = "false") boolean markdownToHtml) {
        return tagged(
                HttpStatus.OK,
                IncidentJson.of(incidents.get(actor, visible(actor, tenantId), incidentId), markdownToHtml));
    }

    /** Changes fields (SOC): any of the editable fields; the others keep their values. */
    @Operation(
            summary = "Change an incident's fields (SOC)",
            description = "Fields left out keep their value. With If-Match (or a version field) the change is"
                    + " refused with 412 when the incident has changed since that version; without, the last"
                    + " write wins.",
            requestBody =
                    @RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples =
                                                    @ExampleObject(
                                                            value =
                                                                    "{\"priority\": \"HIGH\", \"recommendations\": \"Isolate"
                                                                            + " **srv-01**.\", \"version\": 3}"))))
    @PatchMapping("/api/tenants/{tenantId}/incidents/{incidentId}")
    ResponseEntity<IncidentJson> update(
            Actor actor,
            @PathVariable String tenantId,
            @PathVariable String incidentId,
            @Parameter(description = "The ETag from GET (e.g. \"3\"): refuse the change if the incident changed since")
                    @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                    @Nullable
                    String ifMatch,
            HttpServletRequest request) {
        TenantId tenant = visible(actor, tenantId);
        incidents.get(actor, tenant, incidentId);
        JsonNode body = IncidentRequests.object(json, request);
        Set<String> known = new java.util.HashSet<>(FIELDS);
        known.add("version");
        IncidentRequests.onlyKnown(body, known);
        Long expected = IncidentRequests.expectedVersion(ifMatch, body);
        return tagged(
                HttpStatus.OK,
                IncidentJson.of(
                        incidents.update(
                                actor, tenant, incidentId, f -> apply(f, body), expected, request.getRemoteAddr()),
                        false));
    }

    /** Moves the incident: {@code {"status": "CLOSED", "resolution": "TRUE_POSITIVE", "statusDescription": "…"}}. */
    @Operation(
            summary = "Change an incident's status (SOC; customers may only close)",
            description = "Resolving and closing need a resolution; a move the lifecycle does not allow is 409."
                    + " If-Match (or a version field) makes a stale change fail with 412.",
            requestBody =
                    @RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples =
                                                    @ExampleObject(
                                                            value =
                                                                    "{\"status\": \"CLOSED\", \"resolution\": \"FALSE_POSITIVE\","
                                                                            + " \"statusDescription\": \"Backup job\"}"))))
    @PostMapping("/api/tenants/{tenantId}/incidents/{incidentId}/status")
    ResponseEntity<IncidentJson> status(
            Actor actor,
            @PathVariable String tenantId,
            @PathVariable String incidentId,
            @Parameter(description = "The ETag from GET (e.g. \"3\"): refuse the change if the incident changed since")
                    @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                    @Nullable
                    String ifMatch,
            HttpServletRequest request) {
        TenantId tenant = visible(actor, tenantId);
        incidents.get(actor, tenant, incidentId);
        JsonNode body = IncidentRequests.object(json, request);
        IncidentRequests.onlyKnown(body, Set.of("status", "resolution", "statusDescription", "version"));
        Status to = IncidentRequests.parsed(body, "status", Status::parse);
        if (to == null) {
            throw new ValidationException("status", "Required: OPEN, ON_HOLD, RESOLVED or CLOSED.");
        }
        Long expected = IncidentRequests.expectedVersion(ifMatch, body);
        return tagged(
                HttpStatus.OK,
                IncidentJson.of(
                        incidents.changeStatus(
                                actor,
                                tenant,
                                incidentId,
                                to,
                                IncidentRequests.parsed(body, "resolution", Resolution::parse),
                                IncidentRequests.text(body, "statusDescription"),
                                expected,
                                request.getRemoteAddr()),
                        false));
    }

    /** The answer with the incident's version as its ETag. */
    private static ResponseEntity<IncidentJson> tagged(HttpStatus status, IncidentJson incident) {
        return ResponseEntity.status(status)
                .eTag("\"" + incident.version() + "\"")
                .body(incident);
    }

    /** Publishes the incident to the customer (SOC). */
    @Operation(summary = "Publish an incident: notify the customer and stop the SLA clock (SOC)")
    @PostMapping("/api/tenants/{tenantId}/incidents/{incidentId}/publish")
    IncidentJson publish(
            Actor actor, @PathVariable String tenantId, @PathVariable String incidentId, HttpServletRequest request) {
        return IncidentJson.of(
                incidents.publish(actor, visible(actor, tenantId), incidentId, request.getRemoteAddr()), false);
    }

    /** Links more alerts (SOC): {@code {"alertIds": ["…"]}}. */
    @Operation(
            summary = "Link more alerts to an incident (SOC)",
            requestBody =
                    @RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples =
                                                    @ExampleObject(value = "{\"alertIds\": [\"3f1c…\", \"9a0e…\"]}"))))
    @PostMapping("/api/tenants/{tenantId}/incidents/{incidentId}/alerts")
    IncidentJson linkAlerts(
            Actor actor, @PathVariable String tenantId, @PathVariable String incidentId, HttpServletRequest request) {
        TenantId tenant = visible(actor, tenantId);
        incidents.get(actor, tenant, incidentId);
        JsonNode body = IncidentRequests.object(json, request);
        IncidentRequests.onlyKnown(body, Set.of("alertIds"));
        List<String> ids = IncidentRequests.strings(body, "alertIds");
        if (ids == null || ids.isEmpty()) {
            throw new ValidationException("alertIds", "Required: at least one alert id.");
        }
        return IncidentJson.of(incidents.linkAlerts(actor, tenant, incidentId, ids, request.getRemoteAddr()), false);
    }

    /** Marks the incident and its comments read by the caller. */
    @Operation(summary = "Mark an incident and its comments read by the caller (any role, viewers included)")
    @PostMapping("/api/tenants/{tenantId}/incidents/{incidentId}/read")
    ResponseEntity<Void> read(Actor actor, @PathVariable String tenantId, @PathVariable String incidentId) {
        incidents.markRead(actor, visible(actor, tenantId), incidentId);
        return ResponseEntity.noContent().build();
    }

    /** The history in order; {@code from}/{@code to} limit it by time. */
    @Operation(summary = "An incident's history: every change with who, when, before and after")
    @GetMapping("/api/tenants/{tenantId}/incidents/{incidentId}/history")
    List<HistoryRecord> history(
            Actor actor,
            @PathVariable String tenantId,
            @PathVariable String incidentId,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to) {
        return incidents.history(
                actor,
                visible(actor, tenantId),
                incidentId,
                IncidentRequests.instant("from", from),
                IncidentRequests.instant("to", to));
    }

    /** The history as a download: {@code format=csv} (default) or {@code json}. */
    @Operation(summary = "Download an incident's history as CSV or JSON")
    @GetMapping("/api/tenants/{tenantId}/incidents/{incidentId}/history/export")
    ResponseEntity<byte[]> export(
            Actor actor,
            @PathVariable String tenantId,
            @PathVariable String incidentId,
            @RequestParam(defaultValue = "csv") String format) {
        TenantId tenant = visible(actor, tenantId);
        List<HistoryRecord> lines = incidents.history(actor, tenant, incidentId, null, null);
        long number = incidents.get(actor, tenant, incidentId).incident().number();
        boolean csv = switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "csv" -> true;
            case "json" -> false;
            default ->
                throw new ValidationException(
                        "format", "Unknown format '" + IncidentRequests.clip(format) + "'; use csv or json.");
        };
        byte[] body = csv ? HistoryCsv.write(lines).getBytes(StandardCharsets.UTF_8) : json.writeValueAsBytes(lines);
        return ResponseEntity.ok()
                .contentType(csv ? new MediaType("text", "csv", StandardCharsets.UTF_8) : MediaType.APPLICATION_JSON)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("incident-" + number + "-history." + (csv ? "csv" : "json"))
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(body);
    }

    /** SLA compliance, MTTD, time to notify and MTTR over {@code [from, to)} (default: the last 30 days). */
    @Operation(summary = "SLA compliance, MTTD, time to notify and MTTR of a tenant's incidents")
    @GetMapping("/api/tenants/{tenantId}/incident-sla")
    SlaReport slaReport(
            Actor actor,
            @PathVariable String tenantId,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to) {
        return sla.report(
                actor,
                visible(actor, tenantId),
                IncidentRequests.instant("from", from),
                IncidentRequests.instant("to", to));
    }

    @Operation(summary = "A tenant's SLA targets and retention")
    @GetMapping("/api/tenants/{tenantId}/incident-settings")
    SlaService.Settings settings(Actor actor, @PathVariable String tenantId) {
        return sla.settings(actor, visible(actor, tenantId));
    }

    /**
     * Replaces a tenant's overrides (provider admins): {@code {"slaHigh": "PT30M", "slaNormal":
     * null, "slaLow": "PT12H", "retentionDays": 730}}; {@code null} or missing means the default.
     */
    @Operation(
            summary = "Override a tenant's SLA targets and retention (provider admins)",
            requestBody =
                    @RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples =
                                                    @ExampleObject(
                                                            value =
                                                                    "{\"slaHigh\": \"PT30M\", \"slaNormal\": null, \"slaLow\":"
                                                                            + " \"PT12H\", \"retentionDays\": 730}"))))
    @PutMapping("/api/tenants/{tenantId}/incident-settings")
    SlaService.Settings saveSettings(Actor actor, @PathVariable String tenantId, HttpServletRequest request) {
        TenantId tenant = visible(actor, tenantId);
        actor.requireProviderAdmin();
        JsonNode body = IncidentRequests.object(json, request);
        IncidentRequests.onlyKnown(body, Set.of("slaHigh", "slaNormal", "slaLow", "retentionDays"));
        JsonNode days = body.get("retentionDays");
        if (days != null && !days.isNull() && !days.canConvertToInt()) {
            throw new ValidationException("retentionDays", "Must be a whole number of days.");
        }
        return sla.saveSettings(
                actor,
                tenant,
                new IncidentSettings(
                        duration(body, "slaHigh"),
                        duration(body, "slaNormal"),
                        duration(body, "slaLow"),
                        days == null || days.isNull() ? null : days.asInt()),
                request.getRemoteAddr());
    }

    private static @Nullable Duration duration(JsonNode body, String name) {
        String text = IncidentRequests.text(body, name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new ValidationException(
                    name, "Not an ISO-8601 duration such as PT1H: '" + IncidentRequests.clip(text) + "'.");
        }
    }

    /** {@code f} with the fields present in {@code body} replaced. */
    private static IncidentFields apply(IncidentFields f, JsonNode body) {
        Priority priority = IncidentRequests.parsed(body, "priority", Priority::parse);
        return new IncidentFields(
                priority != null ? priority : f.priority(),
                or(IncidentRequests.text(body, "summary"), f.summary()).strip(),
                or(IncidentRequests.text(body, "statusDescription"), f.statusDescription()),
                or(IncidentRequests.text(body, "recommendations"), f.recommendations()),
                or(IncidentRequests.text(body, "description"), f.description()),
                or(IncidentRequests.strings(body, "mitreTactics"), f.mitreTactics()),
                or(IncidentRequests.strings(body, "mitreTechniques"), f.mitreTechniques()),
                or(IncidentRequests.text(body, "detectionTechnology"), f.detectionTechnology()),
                or(IncidentRequests.text(body, "attackStage"), f.attackStage()),
                or(IncidentRequests.strings(body, "affectedHosts"), f.affectedHosts()),
                or(iocs(body, "hostBasedIocs"), f.hostBasedIocs()),
                or(iocs(body, "networkBasedIocs"), f.networkBasedIocs()));
    }

    private static <T> T or(@Nullable T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static @Nullable List<IncidentIoc> iocs(JsonNode body, String name) {
        JsonNode n = body.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray()) {
            throw new ValidationException(name, "Must be an array of {type, value, context} objects.");
        }
        List<IncidentIoc> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            String where = name + "[" + i + "]";
            if (!e.isObject()) {
                throw new ValidationException(where, "Must be an object {type, value, context}.");
            }
            IncidentRequests.onlyKnown(e, Set.of("type", "value", "context"));
            String type = IncidentRequests.text(e, "type");
            String value = IncidentRequests.text(e, "value");
            String context = IncidentRequests.text(e, "context");
            out.add(new IncidentIoc(
                    type == null ? "" : type.strip().toLowerCase(Locale.ROOT),
                    value == null ? "" : value.strip(),
                    context == null ? "" : context));
        }
        return out;
    }
}
