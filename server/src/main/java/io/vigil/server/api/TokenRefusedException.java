package io.vigil.server.api;

import io.vigil.server.platform.VigilException;

/** A token was refused: expired, used, revoked or forged (HTTP 403, as the MDR API v1 expects). */
public class TokenRefusedException extends VigilException {
    public TokenRefusedException(String message) {
        super(message);
    }
}
