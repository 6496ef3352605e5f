package io.vigil.server.tenant;

import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vigil.admin.*}: the provider admin created when an installation starts with no accounts.
 *
 * @param username its user name
 * @param password its first password ({@code VIGIL_ADMIN_PASSWORD}); when empty a random one is
 *     generated and printed once to the log. Either way it must be changed at the first sign-in.
 */
@Validated
@ConfigurationProperties(prefix = "vigil.admin", ignoreUnknownFields = false)
public record AdminProperties(
        @DefaultValue("admin") @Pattern(regexp = "[A-Za-z0-9._@-]{1,100}")
        String username,

        @Nullable String password) {}
