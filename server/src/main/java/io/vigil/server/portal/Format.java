package io.vigil.server.portal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/** How the portal writes times: UTC, to the minute. */
public final class Format {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Format() {}

    public static String date(Instant t) {
        return DATE.format(t);
    }

    public static String time(@Nullable Instant t) {
        return t == null ? "never" : TIME.format(t);
    }
}
