package io.vigil.server.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vigil.server.platform.Actor;
import io.vigil.server.platform.AuditEntry;
import io.vigil.server.platform.AuditLog;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues and checks API tokens. Access tokens are reusable until {@code exp}; refresh tokens are
 * single use (recorded by {@code jti}) and each exchange returns a new one. Every check also looks
 * at the connection, so a revoked connection's tokens stop working at once.
 */
@Service
public class TokenService {

    static final String USE_CLAIM = "token_use";
    static final String ACCESS = "access";
    static final String REFRESH = "refresh";
    static final String AUDIENCE = "vigil-api";

    /** The pair returned by {@code session/confirm}. */
    public record TokenPair(String accessToken, String refreshToken) {}

    /** How checking a token ended. */
    public sealed interface Check permits Check.Valid, Check.Invalid {
        /** The token is good; the request acts as {@code actor}. */
        record Valid(Actor actor, ApiConnection connection) implements Check {}

        /** The token is refused, with a message for the integration's operator. */
        record Invalid(String message) implements Check {}
    }

    private final ConnectionRepository connections;
    private final AuditLog audit;
    private final Clock clock;
    private final ApiProperties properties;
    private final JWSSigner signer;
    private final JWSVerifier verifier;

    TokenService(
            ConnectionRepository connections, AuditLog audit, Clock clock, ApiProperties properties, SigningKey key)
            throws JOSEException {
        this.connections = connections;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
        this.signer = new MACSigner(key.secret());
        this.verifier = new MACVerifier(key.secret());
    }

    /** A single-use refresh token for the portal to show (valid {@code portal-refresh-token-ttl}). */
    String issuePortalRefreshToken(ApiConnection connection) {
        return issueRefresh(
                connection, clock.instant(), properties.portalRefreshTokenTtl().toSeconds());
    }

    /** Exchanges a refresh token for an access token and a new refresh token. */
    @Transactional
    public TokenPair confirm(String clientId, String refreshToken, String address) {
        Instant now = clock.instant();
        JWTClaimsSet claims = verify(refreshToken, REFRESH, now)
                .orElseThrow(() -> new TokenRefusedException(
                        "The refresh token is not valid: it is malformed, expired, or not signed by this Vigil."));
        if (!clientId.equals(claims.getSubject())) {
            throw new TokenRefusedException(
                    "This refresh token belongs to another API connection than '" + clientId + "'.");
        }
        ApiConnection connection = connections
                .findForToken(clientId)
                .orElseThrow(() -> new TokenRefusedException("No API connection '" + clientId + "'."));
        if (connection.revoked()) {
            throw new TokenRefusedException("The API connection '" + connection.name() + "' was revoked.");
        }
        String jti = claims.getJWTID();
        if (jti == null || !connections.useRefreshToken(jti, clientId, now)) {
            audit.record(new AuditEntry(
                    now,
                    connection.name(),
                    "API_CONNECTION",
                    connection.tenant(),
                    "token.refresh_refused",
                    clientId,
                    "refresh token already used",
                    address,
                    false));
            throw new TokenRefusedException("This refresh token was already used. Each refresh token works once;"
                    + " use the one returned by your last session/confirm call, or ask an admin for a new token.");
        }
        String access = sign(
                connection,
                ACCESS,
                UUID.randomUUID().toString(),
                now,
                properties.accessTokenTtl().toSeconds());
        String refresh =
                issueRefresh(connection, now, properties.refreshTokenTtl().toSeconds());
        audit.record(new AuditEntry(
                now,
                connection.name(),
                "API_CONNECTION",
                connection.tenant(),
                "token.issued",
                clientId,
                "access and refresh token from session/confirm",
                address,
                true));
        return new TokenPair(access, refresh);
    }

    /** Checks a bearer access token, including the state of its connection. */
    public Check checkAccess(String token) {
        Instant now = clock.instant();
        JWTClaimsSet claims;
        try {
            claims = SignedJWT.parse(token).getJWTClaimsSet();
        } catch (ParseException e) {
            return new Check.Invalid("The access token is not a JWT.");
        }
        Date exp = claims.getExpirationTime();
        if (exp != null
                && !exp.toInstant().isAfter(now)
                && verify(token, ACCESS, null).isPresent()) {
            return new Check.Invalid(
                    "The access token expired at " + exp.toInstant() + "; get a new one with session/confirm.");
        }
        Optional<JWTClaimsSet> verified = verify(token, ACCESS, now);
        if (verified.isEmpty()) {
            return new Check.Invalid("The access token is not valid: malformed, expired, a refresh token,"
                    + " or not signed by this Vigil.");
        }
        String clientId = verified.get().getSubject();
        Optional<ApiConnection> connection = clientId == null ? Optional.empty() : connections.findForToken(clientId);
        if (connection.isEmpty()) {
            return new Check.Invalid("The access token's API connection no longer exists.");
        }
        if (connection.get().revoked()) {
            return new Check.Invalid("The API connection '" + connection.get().name() + "' was revoked.");
        }
        return new Check.Valid(connection.get().asActor(), connection.get());
    }

    private String issueRefresh(ApiConnection connection, Instant now, long ttlSeconds) {
        String jti = UUID.randomUUID().toString();
        connections.insertRefreshToken(jti, connection.clientId(), now, now.plusSeconds(ttlSeconds));
        return sign(connection, REFRESH, jti, now, ttlSeconds);
    }

    private String sign(ApiConnection connection, String use, String jti, Instant now, long ttlSeconds) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .audience(AUDIENCE)
                .subject(connection.clientId())
                .jwtID(jti)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(ttlSeconds)))
                .claim(USE_CLAIM, use)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an API token", e);
        }
        return jwt.serialize();
    }

    /** The claims, if the token is ours, of the right use, and (when {@code now} is given) not expired. */
    private Optional<JWTClaimsSet> verify(String token, String use, @org.jspecify.annotations.Nullable Instant now) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            boolean fresh = now == null || (exp != null && exp.toInstant().isAfter(now));
            boolean ours = properties.issuer().equals(claims.getIssuer())
                    && claims.getAudience().equals(List.of(AUDIENCE))
                    && use.equals(claims.getClaim(USE_CLAIM));
            return fresh && ours ? Optional.of(claims) : Optional.empty();
        } catch (ParseException | JOSEException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
