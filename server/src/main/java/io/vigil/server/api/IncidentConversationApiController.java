package io.vigil.server.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.server.incident.Attachment;
import io.vigil.server.incident.Comment;
import io.vigil.server.incident.ConversationService;
import io.vigil.server.platform.Actor;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Native incident conversation API: comments (Markdown in, safe HTML beside it) and attachments
 * (upload as {@code multipart/form-data} or as the raw request body with {@code ?name=&caption=},
 * list, download).
 */
@Tag(name = "incidents")
@RestController
class IncidentConversationApiController {

    private static final String LIMIT = "vigil.incident.max-attachment-size";

    private final ConversationService conversation;
    private final JsonMapper json;

    IncidentConversationApiController(ConversationService conversation, JsonMapper json) {
        this.conversation = conversation;
        this.json = json;
    }

    @Operation(summary = "An incident's comments, oldest first, with safe HTML and the caller's read state")
    @GetMapping("/api/tenants/{tenantId}/incidents/{incidentId}/comments")
    List<Comment> comments(Actor actor, @PathVariable String tenantId, @PathVariable String incidentId) {
        return conversation.comments(actor, IncidentApiController.visible(actor, tenantId), incidentId);
    }

    /** Adds a comment: {@code {"text": "Markdown"}}. */
    @Operation(
            summary = "Comment on an incident (Markdown)",
            description = "The SOC's first comment on a customer-created incident answers it: its SLA clock stops"
                    + " and it leaves the SOC's queue of customer requests. A closed incident takes no comments"
                    + " (409).",
            requestBody =
                    @RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples =
                                                    @ExampleObject(
                                                            value = "{\"text\": \"See the *log* we attached.\"}"))))
    @PostMapping("/api/tenants/{tenantId}/incidents/{incidentId}/comments")
    ResponseEntity<Comment> comment(
            Actor actor, @PathVariable String tenantId, @PathVariable String incidentId, HttpServletRequest request) {
        TenantId tenant = IncidentApiController.visible(actor, tenantId);
        conversation.comments(actor, tenant, incidentId);
        JsonNode body = IncidentRequests.object(json, request);
        IncidentRequests.onlyKnown(body, Set.of("text"));
        String text = IncidentRequests.text(body, "text");
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(conversation.addComment(
                        actor, tenant, incidentId, text == null ? "" : text, request.getRemoteAddr()));
    }

    @Operation(summary = "An incident's attachments, oldest first")
    @GetMapping("/api/tenants/{tenantId}/incidents/{incidentId}/attachments")
    List<Attachment> attachments(Actor actor, @PathVariable String tenantId, @PathVariable String incidentId) {
        return conversation.attachments(actor, IncidentApiController.visible(actor, tenantId), incidentId);
    }

    /**
     * Uploads an attachment, either as {@code multipart/form-data} (part {@code file} with its
     * filename, optional parts {@code caption} and {@code meta}, the MDR API v1 shape) or as the raw
     * body (any other content type) with {@code name} and {@code caption} as query parameters. The
     * size limit is enforced while reading: one byte over and the answer is 413 with nothing stored.
     */
    @Operation(
            summary = "Attach a file to an incident (multipart/form-data or the raw body; at most 10 MB)",
            description = "Multipart: part 'file' (its filename names the attachment), optional part 'caption'"
                    + " or part 'meta' with {\"caption\": \"…\"}; parts win over the query parameters."
                    + " Raw body: name and caption as query parameters. Over vigil.incident.max-attachment-size"
                    + " is 413 with nothing stored.",
            requestBody =
                    @RequestBody(
                            required = true,
                            content = {
                                @Content(
                                        mediaType = "multipart/form-data",
                                        schema = @Schema(implementation = UploadForm.class)),
                                @Content(
                                        mediaType = "application/octet-stream",
                                        schema = @Schema(type = "string", format = "binary"))
                            }))
    @PostMapping("/api/tenants/{tenantId}/incidents/{incidentId}/attachments")
    ResponseEntity<Attachment> upload(
            Actor actor,
            @PathVariable String tenantId,
            @PathVariable String incidentId,
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String caption,
            HttpServletRequest request) {
        TenantId tenant = IncidentApiController.visible(actor, tenantId);
        conversation.checkAttach(actor, tenant, incidentId);
        long max = conversation.maxAttachmentSize();
        String fileName = name;
        String text = caption;
        byte[] content;
        if (MultipartUpload.isMultipart(request.getContentType())) {
            MultipartUpload.Upload upload = MultipartUpload.read(request, max, LIMIT);
            content = upload.content();
            if (!upload.fileName().isBlank()) {
                fileName = upload.fileName();
            }
            String meta = upload.meta() == null ? null : metaCaption(upload.meta(), incidentId);
            if (upload.caption() != null) {
                text = upload.caption();
            } else if (meta != null) {
                text = meta;
            }
        } else {
            content = IncidentRequests.body(request, max, LIMIT);
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(conversation.attach(
                        actor,
                        tenant,
                        incidentId,
                        fileName == null ? "" : fileName,
                        text == null ? "" : text,
                        content,
                        request.getRemoteAddr()));
    }

    /** The multipart form of an upload, for the API documentation. */
    record UploadForm(
            @Schema(type = "string", format = "binary", description = "The file; its filename names the attachment")
            String file,

            @Schema(description = "Optional caption") @Nullable
            String caption,

            @Schema(description = "Optional JSON text {\"caption\": \"…\", \"incident_id\": \"…\"} (MDR API v1)")
            @Nullable
            String meta) {}

    /** The caption of a {@code meta} part ({@code {"caption": …, "incident_id": …}}, MDR API v1). */
    private @Nullable String metaCaption(String meta, String incidentId) {
        JsonNode node;
        try {
            node = json.readTree(meta);
        } catch (JacksonException e) {
            throw new ValidationException("meta", "Must be a JSON object such as {\"caption\": \"…\"}.");
        }
        if (node == null || !node.isObject()) {
            throw new ValidationException("meta", "Must be a JSON object such as {\"caption\": \"…\"}.");
        }
        IncidentRequests.onlyKnown(node, Set.of("caption", "incident_id"));
        String target = IncidentRequests.text(node, "incident_id");
        if (target != null && !target.equals(incidentId)) {
            throw new ValidationException("meta.incident_id", "Names another incident than the path.");
        }
        return IncidentRequests.text(node, "caption");
    }

    /**
     * Downloads an attachment: always as an attachment (never shown inline), no sniffing, a
     * sandboxing CSP, a content type from a short allow-list, and its SHA-256 in {@code Repr-Digest}.
     */
    @Operation(summary = "Download an attachment (always as a download, never shown inline)")
    @GetMapping("/api/tenants/{tenantId}/incidents/{incidentId}/attachments/{attachmentId}")
    ResponseEntity<byte[]> download(
            Actor actor,
            @PathVariable String tenantId,
            @PathVariable String incidentId,
            @PathVariable String attachmentId) {
        Attachment.Content c =
                conversation.download(actor, IncidentApiController.visible(actor, tenantId), incidentId, attachmentId);
        Attachment a = c.attachment();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(a.contentType()))
                .contentLength(c.bytes().length)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(a.name(), StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .header(
                        "Repr-Digest",
                        "sha-256=:"
                                + Base64.getEncoder()
                                        .encodeToString(HexFormat.of().parseHex(a.sha256())) + ":")
                .body(c.bytes());
    }
}
