package io.vigil.telemetry.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import org.jspecify.annotations.Nullable;

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
        Instant fast = utcInstant(text);
        if (fast != null) {
            return fast;
        }
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
     * The common form {@code uuuu-MM-ddTHH:mm:ss[.fraction]Z} read digit by digit (agents write
     * every event's time so); {@code null} for anything else, which the general parsers then read.
     * Dates are checked with {@link LocalDate#of}, a leap second is left to the general parser.
     */
    static @Nullable Instant utcInstant(String v) {
        int n = v.length();
        if (n < 20
                || n > 30
                || (v.charAt(n - 1) != 'Z' && v.charAt(n - 1) != 'z')
                || v.charAt(4) != '-'
                || v.charAt(7) != '-'
                || (v.charAt(10) != 'T' && v.charAt(10) != 't')
                || v.charAt(13) != ':'
                || v.charAt(16) != ':') {
            return null;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 2);
        int day = digits(v, 8, 2);
        int hour = digits(v, 11, 2);
        int minute = digits(v, 14, 2);
        int second = digits(v, 17, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > 31
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        int nano = 0;
        if (n > 20) {
            int fraction = n - 21; // between '.' and 'Z'
            if (v.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nano = digits(v, 20, fraction);
            if (nano < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nano *= 10;
            }
        }
        if (day > 28 && day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nano);
    }

    /** {@return the decimal number of {@code count} digits at {@code from}, or -1 if one is not a digit} */
    private static int digits(String v, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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
