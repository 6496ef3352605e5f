package io.vigil.server.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

class PasswordPolicyTest {

    @Test
    void shouldAcceptALongPassphrase() {
        assertThat(PasswordPolicy.problems("purple otter drives slowly", "alice"))
                .isEmpty();
    }

    @Test
    void shouldNameEveryProblemOfABadPassword() {
        assertThat(PasswordPolicy.problems("alice", "alice"))
                .anyMatch(p -> p.contains("at least 12"))
                .anyMatch(p -> p.contains("user name"));
        assertThat(PasswordPolicy.problems("password1234", "bob")).anyMatch(p -> p.contains("common"));
        assertThat(PasswordPolicy.problems("aaaaaaaaaaaaaaaa", "bob")).anyMatch(p -> p.contains("4 different"));
    }

    @Test
    void shouldHashWithArgon2idAndStillReadBcrypt() {
        PasswordEncoder encoder = new PasswordConfiguration().passwordEncoder();
        String hash = encoder.encode("purple otter drives slowly");
        assertThat(hash).startsWith("{argon2}$argon2id$");
        assertThat(encoder.matches("purple otter drives slowly", hash)).isTrue();
        assertThat(encoder.matches("purple otter drives fast", hash)).isFalse();
        String legacy =
                "{bcrypt}" + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4).encode("x");
        assertThat(encoder.matches("x", legacy)).isTrue();
    }
}
