package io.vigil.server.tenant;

import java.util.Objects;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Hashes and checks passwords with the configured encoder (Argon2id). */
@Component
public class Passwords {

    private final PasswordEncoder encoder;

    Passwords(PasswordEncoder encoder) {
        this.encoder = encoder;
    }

    /** The stored form of {@code raw}. */
    public String hash(String raw) {
        return Objects.requireNonNull(encoder.encode(raw), "the password encoder returned no hash");
    }

    /** Whether {@code raw} is the password stored as {@code hash}. */
    public boolean matches(String raw, String hash) {
        return encoder.matches(raw, hash);
    }
}
