package io.vigil.server.incident;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.ConflictException;
import io.vigil.server.platform.NotFoundException;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.ValidationException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The conversation inside an incident: Markdown comments (rendered to safe HTML, with per-reader
 * read marks) and attachments. The SOC and the customer both write; a customer only into incidents
 * they can see (published, or their own).
 */
@Service
public class ConversationService {

    private final IncidentRepository incidents;
    private final CommunicationRepository communication;
    private final IncidentAccess access;
    private final IncidentProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    ConversationService(
            IncidentRepository incidents,
            CommunicationRepository communication,
            IncidentAccess access,
            IncidentProperties properties,
            TransactionTemplate tx,
            Clock clock) {
        this.incidents = incidents;
        this.communication = communication;
        this.access = access;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    /** The largest attachment, in bytes. */
    public long maxAttachmentSize() {
        return properties.maxAttachmentSize().toBytes();
    }

    /** An incident's comments, oldest first, with the caller's read state. */
    public List<Comment> comments(Actor actor, TenantId tenant, String incidentId) {
        Incident i = access.load(actor, tenant, incidentId).incident();
        return communication.comments(actor.scope(), tenant, i.id(), actor.id());
    }

    /**
     * Adds a comment. The SOC's first comment on a customer-created incident stops that incident's
     * SLA clock.
     */
    public Comment addComment(Actor actor, TenantId tenant, String incidentId, String text, String remote) {
        IncidentAccess.requireWriter(actor, "comment");
        if (text.isBlank()) {
            throw new ValidationException("text", "A comment needs some text.");
        }
        if (text.length() > IncidentFields.MAX_TEXT || text.indexOf('\0') >= 0) {
            throw new ValidationException(
                    "text",
                    "At most " + IncidentFields.MAX_TEXT + " characters of text without NUL, not " + text.length()
                            + ".");
        }
        return IncidentAccess.inTx(tx, () -> {
            Incident before = access.load(actor, tenant, incidentId).incident();
            requireOpenForTalk(before);
            Instant at = now();
            String id = UUID.randomUUID().toString();
            Origin origin = IncidentAccess.originOf(actor);
            communication.insertComment(
                    actor.scope(), tenant, id, before.id(), at, actor.name(), actor.id(), origin, text);
            List<HistoryRepository.Line> lines = new ArrayList<>();
            lines.add(new HistoryRepository.Line(HistoryRecord.COMMENT, id, "create", "text", null, text));
            Instant answered = before.firstAnswerAt();
            if (answered == null && origin == Origin.SERVICE && before.origin() == Origin.CUSTOMER) {
                answered = at;
                lines.add(IncidentService.details(before, "update", "firstAnswerAt", null, at.toString()));
            }
            Incident after = access.save(actor, touch(before, at, answered));
            incidents.markRead(actor.scope(), tenant, after.id(), actor.id(), at);
            access.record(actor, after, at, lines);
            access.audit(actor, at, tenant, "incident.commented", "#" + after.number(), "comment " + id, remote);
            return new Comment(id, after.id(), at, actor.name(), origin, text, Markdown.toHtml(text), true);
        });
    }

    /** An incident's attachments, oldest first. */
    public List<Attachment> attachments(Actor actor, TenantId tenant, String incidentId) {
        Incident i = access.load(actor, tenant, incidentId).incident();
        return communication.attachments(actor.scope(), tenant, i.id());
    }

    /**
     * Checks that the caller may attach to the incident, before the upload is read: a refused
     * upload reads nothing.
     */
    public void checkAttach(Actor actor, TenantId tenant, String incidentId) {
        IncidentAccess.requireWriter(actor, "attach files");
        requireOpenForTalk(access.load(actor, tenant, incidentId).incident());
    }

    /**
     * Stores an attachment (its size already checked while it was read) with its SHA-256.
     *
     * @param rawName the name as sent; stored as {@link AttachmentNames#safe}
     */
    public Attachment attach(
            Actor actor,
            TenantId tenant,
            String incidentId,
            String rawName,
            String caption,
            byte[] content,
            String remote) {
        IncidentAccess.requireWriter(actor, "attach files");
        if (content.length > maxAttachmentSize()) {
            throw new ValidationException(
                    "file", "Larger than " + maxAttachmentSize() + " bytes (vigil.incident.max-attachment-size).");
        }
        if (content.length == 0) {
            throw new ValidationException("file", "The file is empty.");
        }
        if (caption.length() > 2000 || caption.indexOf('\0') >= 0) {
            throw new ValidationException("caption", "At most 2000 characters of text without NUL.");
        }
        if (rawName.length() > 4096) {
            throw new ValidationException("name", "At most 4096 characters.");
        }
        String name = AttachmentNames.safe(rawName);
        String sha256 = sha256(content);
        return IncidentAccess.inTx(tx, () -> {
            Incident before = access.load(actor, tenant, incidentId).incident();
            requireOpenForTalk(before);
            Instant at = now();
            Attachment a = new Attachment(
                    UUID.randomUUID().toString(),
                    before.id(),
                    at,
                    name,
                    content.length,
                    sha256,
                    AttachmentNames.contentType(name),
                    caption,
                    actor.name(),
                    IncidentAccess.originOf(actor));
            communication.insertAttachment(actor.scope(), tenant, a, actor.id(), content);
            Incident after = access.save(actor, touch(before, at, before.firstAnswerAt()));
            incidents.markRead(actor.scope(), tenant, after.id(), actor.id(), at);
            access.record(
                    actor,
                    after,
                    at,
                    List.of(new HistoryRepository.Line(
                            HistoryRecord.ATTACHMENT,
                            a.id(),
                            "create",
                            "file",
                            null,
                            a.name() + " (" + a.size() + " bytes, sha256 " + a.sha256() + ")"
                                    + (caption.isEmpty() ? "" : ": " + caption))));
            access.audit(
                    actor,
                    at,
                    tenant,
                    "incident.attachment_added",
                    "#" + after.number(),
                    a.name() + " " + a.size() + " bytes sha256 " + a.sha256(),
                    remote);
            return a;
        });
    }

    /** An attachment's content; 404 unless the caller sees its incident. */
    public Attachment.Content download(Actor actor, TenantId tenant, String incidentId, String attachmentId) {
        Incident i = access.load(actor, tenant, incidentId).incident();
        return communication
                .content(actor.scope(), tenant, attachmentId)
                .filter(c -> c.attachment().incidentId().equals(i.id()))
                .orElseThrow(() -> new NotFoundException("No attachment with id '" + Texts.clip(attachmentId) + "'."));
    }

    private static void requireOpenForTalk(Incident i) {
        if (i.status() == Status.CLOSED) {
            throw new ConflictException("Incident #" + i.number() + " is closed; the conversation is over.");
        }
    }

    private static Incident touch(Incident i, Instant at, @org.jspecify.annotations.Nullable Instant answered) {
        return new Incident(
                i.id(),
                i.tenant(),
                i.number(),
                i.creationTime(),
                at,
                i.createdBy(),
                i.origin(),
                i.priority(),
                i.status(),
                i.resolution(),
                i.summary(),
                i.statusDescription(),
                i.recommendations(),
                i.description(),
                i.clientDescription(),
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
                i.publishedAt(),
                answered,
                i.resolvedAt(),
                i.closedAt(),
                i.version());
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The clock's time in milliseconds: what the database keeps. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }
}
