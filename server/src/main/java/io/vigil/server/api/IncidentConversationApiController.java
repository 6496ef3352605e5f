package io.vigil.server.api;

import io.vigil.server.incident.Attachment;
import io.vigil.server.incident.Comment;
import io.vigil.server.incident.ConversationService;
import io.vigil.server.platform.Actor;
import io.vigil.server.platform.TenantId;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Native incident conversation API: comments (Markdown in, safe HTML beside it) and attachments
 * (upload as the raw request body with {@code ?name=&caption=}, list, download).
 */
@RestController
class IncidentConversationApiController {

    private final ConversationService conversation;
    private final JsonMapper json;

    IncidentConversationApiController(ConversationService conversation, JsonMapper json) {
        this.conversation = conversation;
        this.json = json;
    }

    @GetMapping("/api/tenants/{tenantId}/incidents/{incidentId}/comments")
    List<Comment> comments(Actor actor, @PathVariable String tenantId, @PathVariable String incidentId) {
        return conversation.comments(actor, IncidentApiController.visible(actor, tenantId), incidentId);
    }

    /** Adds a comment: {@code {"text": "Markdown"}}. */
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

    @GetMapping("/api/tenants/{tenantId}/incidents/{incidentId}/attachments")
    List<Attachment> attachments(Actor actor, @PathVariable String tenantId, @PathVariable String incidentId) {
        return conversation.attachments(actor, IncidentApiController.visible(actor, tenantId), incidentId);
    }

    /**
     * Uploads an attachment: the file is the raw body (any content type but multipart), {@code
     * name} and {@code caption} are query parameters. The size limit is enforced while reading:
     * one byte over and the answer is 413 with nothing stored.
     */
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
        byte[] content = IncidentRequests.body(request, max, "vigil.incident.max-attachment-size");
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(conversation.attach(
                        actor,
                        tenant,
                        incidentId,
                        name == null ? "" : name,
                        caption == null ? "" : caption,
                        content,
                        request.getRemoteAddr()));
    }

    /**
     * Downloads an attachment: always as an attachment (never shown inline), no sniffing, a
     * sandboxing CSP, a content type from a short allow-list, and its SHA-256 in {@code Repr-Digest}.
     */
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
