package io.vigil.server.portal;

import io.vigil.server.platform.ActorAuthentication;
import io.vigil.server.tenant.User;
import io.vigil.server.tenant.UserId;
import io.vigil.server.tenant.UserService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns the session's account id into a fresh {@link ActorAuthentication} on every request, so a
 * disabled account or a changed role takes effect at once; sends people whose password must be
 * changed to the password page first.
 */
final class PortalActorFilter extends OncePerRequestFilter {

    static final String PASSWORD_PAGE = "/account/password";
    private static final Set<String> ALLOWED_BEFORE_CHANGE = Set.of(PASSWORD_PAGE, "/logout", "/error");

    private final UserService users;

    PortalActorFilter(UserService users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (!(auth instanceof UsernamePasswordAuthenticationToken token) || !token.isAuthenticated()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<User> user = parse(String.valueOf(token.getPrincipal())).flatMap(users::sessionUser);
        if (user.isEmpty()) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
            response.sendRedirect(request.getContextPath() + "/login?expired");
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (user.get().mustChangePassword() && !ALLOWED_BEFORE_CHANGE.contains(path) && !isAsset(path)) {
            response.sendRedirect(request.getContextPath() + PASSWORD_PAGE);
            return;
        }
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext fresh = SecurityContextHolder.createEmptyContext();
        fresh.setAuthentication(new ActorAuthentication(user.get().asActor()));
        SecurityContextHolder.setContext(fresh);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    private static boolean isAsset(String path) {
        return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/");
    }

    private static Optional<UserId> parse(String id) {
        try {
            return Optional.of(new UserId(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
