/**
 * The web portal: server-rendered pages (jte templates, htmx for small in-page updates), sign-in
 * with lockout, forced password change, and the pages that manage tenants, accounts and API
 * connections. Sessions are cookie-based with CSRF protection on every form; strict security
 * headers (CSP without inline scripts or styles, no framing, no sniffing).
 *
 * <p>This is the top edge: it may use every capability's public types; none may use it.
 */
@NullMarked
package io.vigil.server.portal;

import org.jspecify.annotations.NullMarked;
