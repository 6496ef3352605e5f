package io.vigil.server.portal;

import io.vigil.server.tenant.LoginResult;
import io.vigil.server.tenant.LoginService;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Form sign-in through {@link LoginService} (lockout, throttling, audit). The session keeps only
 * the account id; {@link PortalActorFilter} rebuilds the actor from the database on every request.
 */
final class PortalAuthenticationProvider implements AuthenticationProvider {

    private final LoginService login;

    PortalAuthenticationProvider(LoginService login) {
        this.login = login;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = String.valueOf(authentication.getPrincipal());
        Object credentials = authentication.getCredentials();
        String password = credentials == null ? "" : credentials.toString();
        String address = address(authentication.getDetails());
        if (username.length() > 200 || password.length() > 1024) {
            throw new BadCredentialsException("Wrong user name or password.");
        }
        return switch (login.login(username, password, address)) {
            case LoginResult.Success s ->
                UsernamePasswordAuthenticationToken.authenticated(
                        s.user().id().value(),
                        null,
                        List.of(new SimpleGrantedAuthority(
                                "ROLE_" + s.user().role().name())));
            case LoginResult.Refused r ->
                throw switch (r.reason()) {
                    case LOCKED, ADDRESS_THROTTLED -> new LockedException(r.message());
                    case DISABLED -> new DisabledException(r.message());
                    case BAD_CREDENTIALS -> new BadCredentialsException(r.message());
                };
        };
    }

    private static String address(@Nullable Object details) {
        return details instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                ? web.getRemoteAddress()
                : "unknown";
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
