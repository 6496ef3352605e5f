package io.vigil.server.tenant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vigil.login.*}: how sign-in resists guessing.
 *
 * @param maxFailures failed sign-ins in a row after which an account is locked
 * @param lockout how long a locked account stays locked (an admin can unlock it sooner)
 * @param maxFailuresPerAddress failed sign-ins from one client address, over any accounts, within
 *     {@code addressWindow}, after which that address is refused for the rest of the window
 * @param addressWindow the window of the per-address limit
 */
@Validated
@ConfigurationProperties(prefix = "vigil.login", ignoreUnknownFields = false)
public record LoginProperties(
        @DefaultValue("5") @Min(1) @Max(100) int maxFailures,
        @DefaultValue("15m") Duration lockout,
        @DefaultValue("30") @Min(1) @Max(10_000) int maxFailuresPerAddress,
        @DefaultValue("15m") Duration addressWindow) {

    public LoginProperties {
        if (lockout.isNegative() || lockout.isZero()) {
            throw new IllegalArgumentException("vigil.login.lockout must be positive, not " + lockout);
        }
        if (addressWindow.isNegative() || addressWindow.isZero()) {
            throw new IllegalArgumentException("vigil.login.address-window must be positive, not " + addressWindow);
        }
    }
}
