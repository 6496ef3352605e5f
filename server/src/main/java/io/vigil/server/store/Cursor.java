package io.vigil.server.store;

import io.vigil.server.platform.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The opaque keyset cursor: the (event time, event id) of the last event of a page. The next page
 * starts strictly after it in the order newest first, so pages never repeat or skip events, even
 * while new events arrive.
 */
record Cursor(long eventTime, String eventId) {

    private static final Pattern FORM = Pattern.compile("v1:(-?\\d{1,19}):([0-9a-f]{32})");

    String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("v1:" + eventTime + ":" + eventId).getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            Matcher m = FORM.matcher(plain);
            if (m.matches()) {
                return new Cursor(Long.parseLong(m.group(1)), m.group(2));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the validation error
        }
        throw new ValidationException("cursor", "Not a cursor of this API; pass back nextCursor unchanged.");
    }
}
