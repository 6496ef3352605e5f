package io.vigil.server.incident;

import java.time.Instant;

/**
 * A message in an incident's conversation.
 *
 * @param id opaque id
 * @param incidentId the incident
 * @param creationTime when it was written
 * @param authorName the user or connection name
 * @param origin the SOC service or the customer
 * @param text Markdown as written
 * @param html {@link Markdown#toHtml} of the text: safe to show
 * @param wasRead whether the reader asking has read it (always true for their own comments)
 */
public record Comment(
        String id,
        String incidentId,
        Instant creationTime,
        String authorName,
        Origin origin,
        String text,
        String html,
        boolean wasRead) {}
