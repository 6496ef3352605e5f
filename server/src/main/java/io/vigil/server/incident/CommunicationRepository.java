package io.vigil.server.incident;

import io.vigil.server.platform.ScopedSql;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Comments (with per-reader read marks) and attachments (with their bytes) of incidents. */
@Repository
class CommunicationRepository {

    private static final String ATTACHMENT_COLUMNS =
            "id, incident_id, created_at, name, size, sha256, content_type, caption, uploader, origin";

    private final JdbcClient jdbc;

    CommunicationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertComment(
            TenantScope scope,
            TenantId tenant,
            String id,
            String incidentId,
            Instant at,
            String author,
            String authorId,
            Origin origin,
            String text) {
        ScopedSql.requireWritable(scope, tenant);
        jdbc.sql(
                        "INSERT INTO incident_comments (id, tenant_id, incident_id, created_at, author, author_id, origin, body)"
                                + " VALUES (:id, :tenant, :incident, :at, :author, :authorId, :origin, :body)")
                .param("id", id)
                .param("tenant", tenant.value())
                .param("incident", incidentId)
                .param("at", at.toEpochMilli())
                .param("author", author)
                .param("authorId", authorId)
                .param("origin", origin.name())
                .param("body", text)
                .update();
        markCommentRead(id, authorId, at);
    }

    /** An incident's comments, oldest first, with the reader's read state. */
    List<Comment> comments(TenantScope scope, TenantId tenant, String incidentId, String reader) {
        return ScopedSql.bind(
                        jdbc.sql("SELECT c.id, c.incident_id, c.created_at, c.author, c.origin, c.body, r.read_at"
                                        + " FROM incident_comments c LEFT JOIN incident_comment_reads r"
                                        + " ON r.comment_id = c.id AND r.reader_id = :reader"
                                        + " WHERE c.tenant_id = :tenant AND c.incident_id = :incident AND "
                                        + ScopedSql.condition(scope, "c.tenant_id")
                                        + " ORDER BY c.created_at, c.id")
                                .param("tenant", tenant.value())
                                .param("incident", incidentId)
                                .param("reader", reader),
                        scope)
                .query((rs, n) -> {
                    String body = rs.getString("body");
                    return new Comment(
                            rs.getString("id"),
                            rs.getString("incident_id"),
                            Instant.ofEpochMilli(rs.getLong("created_at")),
                            rs.getString("author"),
                            Origin.valueOf(rs.getString("origin")),
                            body,
                            Markdown.toHtml(body),
                            IncidentRepository.instant(rs, "read_at") != null);
                })
                .list();
    }

    /** Marks every comment of the incident read by {@code reader}. */
    void markCommentsRead(TenantScope scope, TenantId tenant, String incidentId, String reader, Instant at) {
        ScopedSql.requireWritable(scope, tenant);
        jdbc.sql("INSERT INTO incident_comment_reads (comment_id, reader_id, read_at) SELECT id, :reader, :at"
                        + " FROM incident_comments WHERE tenant_id = :tenant AND incident_id = :incident"
                        + " ON CONFLICT (comment_id, reader_id) DO NOTHING")
                .param("reader", reader)
                .param("at", at.toEpochMilli())
                .param("tenant", tenant.value())
                .param("incident", incidentId)
                .update();
    }

    private void markCommentRead(String commentId, String reader, Instant at) {
        jdbc.sql("INSERT INTO incident_comment_reads (comment_id, reader_id, read_at) VALUES (:id, :reader, :at)"
                        + " ON CONFLICT (comment_id, reader_id) DO NOTHING")
                .param("id", commentId)
                .param("reader", reader)
                .param("at", at.toEpochMilli())
                .update();
    }

    void insertAttachment(TenantScope scope, TenantId tenant, Attachment a, String uploaderId, byte[] content) {
        ScopedSql.requireWritable(scope, tenant);
        jdbc.sql("INSERT INTO incident_attachments (" + ATTACHMENT_COLUMNS + ", tenant_id, uploader_id, content)"
                        + " VALUES (:id, :incident, :at, :name, :size, :sha, :type, :caption, :uploader, :origin,"
                        + " :tenant, :uploaderId, :content)")
                .param("id", a.id())
                .param("incident", a.incidentId())
                .param("at", a.creationTime().toEpochMilli())
                .param("name", a.name())
                .param("size", a.size())
                .param("sha", a.sha256())
                .param("type", a.contentType())
                .param("caption", a.caption())
                .param("uploader", a.authorName())
                .param("origin", a.origin().name())
                .param("tenant", tenant.value())
                .param("uploaderId", uploaderId)
                .param("content", content)
                .update();
    }

    /** An incident's attachments, oldest first (without content). */
    List<Attachment> attachments(TenantScope scope, TenantId tenant, String incidentId) {
        return ScopedSql.bind(
                        jdbc.sql("SELECT " + ATTACHMENT_COLUMNS + " FROM incident_attachments WHERE tenant_id = :tenant"
                                        + " AND incident_id = :incident AND " + ScopedSql.condition(scope, "tenant_id")
                                        + " ORDER BY created_at, id")
                                .param("tenant", tenant.value())
                                .param("incident", incidentId),
                        scope)
                .query((rs, n) -> attachment(rs))
                .list();
    }

    /** One attachment with its bytes. */
    Optional<Attachment.Content> content(TenantScope scope, TenantId tenant, String attachmentId) {
        return ScopedSql.bind(
                        jdbc.sql("SELECT " + ATTACHMENT_COLUMNS + ", content FROM incident_attachments"
                                        + " WHERE tenant_id = :tenant AND id = :id AND "
                                        + ScopedSql.condition(scope, "tenant_id"))
                                .param("tenant", tenant.value())
                                .param("id", attachmentId),
                        scope)
                .query((rs, n) -> new Attachment.Content(attachment(rs), rs.getBytes("content")))
                .optional();
    }

    private static Attachment attachment(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Attachment(
                rs.getString("id"),
                rs.getString("incident_id"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                rs.getString("name"),
                rs.getLong("size"),
                rs.getString("sha256"),
                rs.getString("content_type"),
                rs.getString("caption"),
                rs.getString("uploader"),
                Origin.valueOf(rs.getString("origin")));
    }
}
