package io.vigil.server.incident;

import java.time.Instant;

/**
 * A file attached to an incident (its content is fetched separately).
 *
 * @param id opaque id
 * @param incidentId the incident
 * @param creationTime when it was uploaded
 * @param name the safe file name ({@link AttachmentNames#safe})
 * @param size bytes
 * @param sha256 hex SHA-256 of the content
 * @param contentType what a download is served as
 * @param caption the uploader's words about it
 * @param authorName who uploaded it
 * @param origin the SOC service or the customer
 */
public record Attachment(
        String id,
        String incidentId,
        Instant creationTime,
        String name,
        long size,
        String sha256,
        String contentType,
        String caption,
        String authorName,
        Origin origin) {

    /** An attachment with its bytes, for a download (a class: records should not hold arrays). */
    public static final class Content {
        private final Attachment attachment;
        private final byte[] bytes;

        public Content(Attachment attachment, byte[] bytes) {
            this.attachment = attachment;
            this.bytes = bytes;
        }

        public Attachment attachment() {
            return attachment;
        }

        /** The stored bytes (not copied: do not change them). */
        public byte[] bytes() {
            return bytes;
        }
    }
}
