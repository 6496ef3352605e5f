package io.vigil.server.tenant;

import io.vigil.server.platform.NotFoundException;
import java.util.UUID;
import java.util.regex.Pattern;

/** The id of a person's account. */
public record UserId(String value) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public UserId {
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a user id is 1-64 letters, digits, '-' or '_'");
        }
    }

    static UserId random() {
        return new UserId(UUID.randomUUID().toString());
    }

    /** Parses untrusted input; an id that cannot exist is simply not found. */
    public static UserId parse(String value) {
        if (!FORM.matcher(value).matches()) {
            throw new NotFoundException("No user with that id.");
        }
        return new UserId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
