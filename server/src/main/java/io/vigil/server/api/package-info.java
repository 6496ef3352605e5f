/**
 * The REST API and its credentials. <b>API connections</b> are created by an admin in the portal
 * (name, role, tenant scope); each has a {@code client_id} and hands out a single-use refresh
 * token. {@code POST /api/v1/{client_id}/session/confirm} exchanges a refresh token for an access
 * token (1 h) and a rotated refresh token (7 days). Tokens are HS256-signed JWTs with {@code exp};
 * every request re-checks the connection, so revocation kills all of its tokens at once.
 *
 * <p>The native API lives under {@code /api/}; the MDR API v1 compatibility paths under {@code
 * /api/v1/{client_id}/}. Both take bearer tokens only: no cookies, so no CSRF exposure.
 *
 * <p>The native API describes itself: springdoc serves the OpenAPI document at {@code
 * /api/openapi.json} and Swagger UI at {@code /api/docs} ({@link ApiDocsConfiguration}, docs/api.md);
 * every controller carries an area tag and ApiDocsTest fails when a route is missing from the
 * document. Attachment uploads in {@code multipart/form-data} are parsed by {@link MultipartUpload}
 * from the request stream (Spring's multipart resolution is off), after the access check and within
 * the attachment limit.
 *
 * <p>Hunting over the telemetry store ({@code /api/tenants/{tenantId}/events/search}, {@code
 * /events/{eventId}}, {@code /process-tree}) checks the tenant before it reads the body, so callers
 * learn nothing about tenants they cannot see; see docs/telemetry-store.md.
 */
@NullMarked
package io.vigil.server.api;

import org.jspecify.annotations.NullMarked;
