package io.vigil.server.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AddressThrottleTest {

    private final Instant t0 = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void shouldRefuseAnAddressAfterTooManyFailuresUntilTheWindowPasses() {
        AddressThrottle throttle = new AddressThrottle(3, Duration.ofMinutes(10), 100);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.refusedUntil("a", t0.plusSeconds(i))).isEmpty();
            throttle.failed("a", t0.plusSeconds(i));
        }
        assertThat(throttle.refusedUntil("a", t0.plusSeconds(5))).contains(t0.plus(Duration.ofMinutes(10)));
        assertThat(throttle.refusedUntil("b", t0.plusSeconds(5))).isEmpty();
        assertThat(throttle.refusedUntil("a", t0.plus(Duration.ofMinutes(10)).plusSeconds(1)))
                .isEmpty();
    }

    @Test
    void shouldForgetTheOldestAddressesBeyondItsBound() {
        AddressThrottle throttle = new AddressThrottle(1, Duration.ofMinutes(10), 2);
        throttle.failed("a", t0);
        throttle.failed("b", t0);
        throttle.failed("c", t0);
        assertThat(throttle.refusedUntil("a", t0)).isEmpty();
        assertThat(throttle.refusedUntil("c", t0)).isPresent();
    }
}
