package io.vigil.telemetry.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/** Parses the time stamps found in exported logs. */
public final class Times {
    private static final DateTimeFormatter SPACED = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter();

    private Times() {}

    /**
     * Parses ISO-8601 instants ({@code 2020-10-19T03:30:41.104Z}), ISO date-times with an offset,
     * and {@code 2020-10-19 03:30:41.104} (taken as UTC, as the exporting pipelines write it).
     *
     * @param text the time stamp
     * @return the instant
     * @throws MalformedRecordException when the text is none of these
     */
    public static Instant parse(String text) {
        String value = text.strip();
        try {
            if (value.length() > 10 && value.charAt(10) == ' ') {
                return LocalDateTime.parse(value, SPACED).toInstant(ZoneOffset.UTC);
            }
            if (value.endsWith("Z") || value.endsWith("z")) {
                return Instant.parse(value.toUpperCase(java.util.Locale.ROOT));
            }
            if (value.length() > 19 && (value.contains("+") || value.lastIndexOf('-') > 10)) {
                return OffsetDateTime.parse(value).toInstant();
            }
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new MalformedRecordException("not a time stamp: '" + abbreviate(value) + "'");
        }
    }

    /**
     * Shortens a value for an error message.
     *
     * @param value any text
     * @return at most 80 characters of it
     */
    public static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
