package io.vigil.server.tenant;

import java.time.Instant;

/** How a sign-in attempt ended. */
public sealed interface LoginResult permits LoginResult.Success, LoginResult.Refused {

    /** Signed in as {@code user}. */
    record Success(User user) implements LoginResult {}

    /**
     * Refused, with a message for the person at the keyboard. Bad credentials never say whether the
     * user name exists.
     */
    record Refused(Reason reason, String message, Instant at) implements LoginResult {}

    /** Why a sign-in was refused. */
    enum Reason {
        BAD_CREDENTIALS,
        LOCKED,
        DISABLED,
        ADDRESS_THROTTLED
    }
}
