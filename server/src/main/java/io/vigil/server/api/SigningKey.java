package io.vigil.server.api;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The HMAC-SHA256 key that signs API tokens. Generated on first start and kept in the state
 * database, so every node of a cluster signs and verifies with the same key.
 */
@Repository
class SigningKey {

    private static final String ID = "api-jwt-hs256";

    private final byte[] secret;

    SigningKey(JdbcClient jdbc, Clock clock) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        // Insert-if-absent, then read: nodes starting together agree on the first key written.
        jdbc.sql("INSERT INTO signing_keys (id, algorithm, secret, created_at) VALUES (:id, 'HS256', :secret, :at)"
                        + " ON CONFLICT (id) DO NOTHING")
                .param("id", ID)
                .param("secret", Base64.getEncoder().encodeToString(fresh))
                .param("at", clock.millis())
                .update();
        String stored = jdbc.sql("SELECT secret FROM signing_keys WHERE id = ?")
                .param(ID)
                .query(String.class)
                .single();
        this.secret = Base64.getDecoder().decode(stored);
    }

    byte[] secret() {
        return secret.clone();
    }
}
