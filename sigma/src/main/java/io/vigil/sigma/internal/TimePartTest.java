package io.vigil.sigma.internal;

import io.vigil.sigma.SigmaEvent;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code |minute} … {@code |year}: extracts a part of a timestamp value and compares it. No time
 * zone conversion is done (as the spec says): the parts are read as written.
 */
public record TimePartTest(Modifier part, Comparison op, long expected, String source) implements ValueTest {
    private static final Pattern STAMP =
            Pattern.compile("^\\s*(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ](\\d{1,2}):(\\d{1,2}))?");

    @Override
    public boolean test(Object value, SigmaEvent event, FieldNames names) {
        LocalDateTime t = parse(value);
        if (t == null) {
            return false;
        }
        long actual = switch (part) {
            case MINUTE -> t.getMinute();
            case HOUR -> t.getHour();
            case DAY -> t.getDayOfMonth();
            case WEEK -> t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case MONTH -> t.getMonthValue();
            default -> t.getYear();
        };
        return op.holds((double) actual, (double) expected);
    }

    private static @Nullable LocalDateTime parse(Object value) {
        if (value instanceof TemporalAccessor ta && ta.isSupported(ChronoField.YEAR)) {
            try {
                return LocalDateTime.from(ta);
            } catch (DateTimeException e) {
                return null;
            }
        }
        Matcher m = STAMP.matcher(Values.text(value));
        if (!m.find()) {
            return null;
        }
        try {
            int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
            int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
            return LocalDateTime.of(
                    Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)),
                    hour,
                    minute);
        } catch (DateTimeException e) {
            return null;
        }
    }

    @Override
    public String describe() {
        return part.name().toLowerCase(java.util.Locale.ROOT) + " " + op.symbol() + " " + source;
    }
}
