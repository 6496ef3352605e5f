package io.vigil.server.api;

import io.vigil.server.platform.ActorAuthentication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code /api/**} requests by {@code Authorization: Bearer <access token>}. A bad,
 * expired or revoked token is answered with 403 and a JSON message at once (clients refresh and
 * retry on 403); on MDR API v1 paths the token must belong to the path's {@code client_id}.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final Pattern V1_PATH = Pattern.compile("^/api/v1/([^/]+)/.*");
    private static final Pattern CONFIRM = Pattern.compile("^/api/v1/[^/]+/session/confirm$");

    private final TokenService tokens;
    private final ApiErrors errors;

    BearerTokenFilter(TokenService tokens, ApiErrors errors) {
        this.tokens = tokens;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (CONFIRM.matcher(path).matches() || header == null) {
            chain.doFilter(request, response); // confirm needs no token; no token → 401 by the entry point
            return;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 8192) {
            errors.write(response, 403, "The Authorization header must be 'Bearer <access token>'.");
            return;
        }
        switch (tokens.checkAccess(header.substring(7).trim())) {
            case TokenService.Check.Invalid invalid -> errors.write(response, 403, invalid.message());
            case TokenService.Check.Valid valid -> {
                Matcher v1 = V1_PATH.matcher(path);
                if (v1.matches() && !v1.group(1).equals(valid.connection().clientId())) {
                    errors.write(
                            response,
                            403,
                            "This access token belongs to another API connection than the" + " client_id in the path.");
                    return;
                }
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(new ActorAuthentication(valid.actor()));
                SecurityContextHolder.setContext(context);
                try {
                    chain.doFilter(request, response);
                } finally {
                    SecurityContextHolder.clearContext();
                }
            }
        }
    }
}
