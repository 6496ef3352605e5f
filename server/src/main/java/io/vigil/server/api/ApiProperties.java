package io.vigil.server.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vigil.api.*}: token lifetimes of API connections (defaults as in the MDR API v1).
 *
 * @param accessTokenTtl lifetime of an access token
 * @param refreshTokenTtl lifetime of a refresh token returned by {@code session/confirm}
 * @param portalRefreshTokenTtl lifetime of the single-use refresh token shown in the portal
 * @param issuer the {@code iss} claim of tokens
 */
@Validated
@ConfigurationProperties(prefix = "vigil.api", ignoreUnknownFields = false)
public record ApiProperties(
        @DefaultValue("1h") Duration accessTokenTtl,
        @DefaultValue("7d") Duration refreshTokenTtl,
        @DefaultValue("24h") Duration portalRefreshTokenTtl,
        @DefaultValue("vigil") String issuer) {

    public ApiProperties {
        requirePositive("vigil.api.access-token-ttl", accessTokenTtl);
        requirePositive("vigil.api.refresh-token-ttl", refreshTokenTtl);
        requirePositive("vigil.api.portal-refresh-token-ttl", portalRefreshTokenTtl);
        if (issuer.isBlank()) {
            throw new IllegalArgumentException("vigil.api.issuer must not be empty");
        }
    }

    private static void requirePositive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + d);
        }
    }
}
