package io.vigil.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.server.platform.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** MDR API v1 {@code session/confirm}: a refresh token in, an access token and a new refresh token out. */
@Tag(name = "session")
@RestController
class SessionController {

    /** The request body. */
    record ConfirmRequest(
            @JsonProperty("refresh_token") @Nullable String refreshToken) {}

    private final TokenService tokens;

    SessionController(TokenService tokens) {
        this.tokens = tokens;
    }

    @Operation(summary = "Exchange a refresh token for an access token and a new refresh token (no bearer token)")
    @SecurityRequirements
    @PostMapping(path = "/api/v1/{client_id}/session/confirm", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, String> confirm(
            @PathVariable("client_id") String clientId, @RequestBody ConfirmRequest body, HttpServletRequest request) {
        String refresh = body.refreshToken();
        if (refresh == null || refresh.isBlank()) {
            throw new ValidationException("refresh_token", "The body must be {\"refresh_token\": \"<jwt>\"}.");
        }
        if (refresh.length() > 8192) {
            throw new ValidationException("refresh_token", "A refresh token is at most 8192 characters.");
        }
        TokenService.TokenPair pair = tokens.confirm(clientId, refresh, request.getRemoteAddr());
        return Map.of("access_token", pair.accessToken(), "refresh_token", pair.refreshToken());
    }
}
