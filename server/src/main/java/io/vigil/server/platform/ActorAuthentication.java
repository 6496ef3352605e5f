package io.vigil.server.platform;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The authentication of one request: the {@link Actor}, freshly built from the stored account or
 * API connection. Controllers receive the actor as a method parameter.
 */
public final class ActorAuthentication extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final Actor actor;

    public ActorAuthentication(Actor actor) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())));
        this.actor = actor;
        setAuthenticated(true);
    }

    public Actor actor() {
        return actor;
    }

    @Override
    public Object getPrincipal() {
        return actor;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public String getName() {
        return actor.name();
    }
}
