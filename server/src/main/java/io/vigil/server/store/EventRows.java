package io.vigil.server.store;

import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventEnvelope;
import io.vigil.telemetry.EventOrigin;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns canonical events into rows: picks the partition day and promotes the fields that queries and
 * process trees need into columns. Pure; no I/O.
 */
final class EventRows {

    static final String PROCESS_CREATION = "process_creation";
    private static final long MILLIS_PER_DAY = Duration.ofDays(1).toMillis();

    private EventRows() {}

    /**
     * The UTC day whose partition holds an event: its event time's day, unless the event time is more
     * than one day after the receive time (a clock in the future) or older than the tenant's
     * retention at receive time (a clock in the past, or an old file), in which case the receive
     * time's day. Depends only on the event and the retention, so a retried event lands in the same
     * partition.
     */
    static int partitionDay(Instant eventTime, Instant receiveTime, int retentionDays) {
        Instant chosen = eventTime.isAfter(receiveTime.plus(Duration.ofDays(1)))
                        || eventTime.isBefore(receiveTime.minus(Duration.ofDays(retentionDays)))
                ? receiveTime
                : eventTime;
        return Math.toIntExact(Math.floorDiv(chosen.toEpochMilli(), MILLIS_PER_DAY));
    }

    static EventRow of(CanonicalEvent event, int retentionDays) {
        EventEnvelope env = event.envelope();
        Map<String, String> f = event.fields();
        String originKind;
        String channel;
        String provider;
        Integer code = null;
        switch (env.origin()) {
            case EventOrigin.Windows w -> {
                originKind = "windows";
                channel = w.channel();
                provider = w.provider();
                code = w.eventId();
            }
            case EventOrigin.Linux l -> {
                originKind = "linux";
                channel = l.source();
                provider = l.recordType();
            }
            case EventOrigin.Other o -> {
                originKind = "other";
                channel = o.source();
                provider = o.kind();
            }
        }
        String category = env.sigmaCategory();
        long eventTime = env.eventTime().toEpochMilli();
        Long pid = pid(f.get("ProcessId"));
        String processKey = guid(f.get("ProcessGuid"));
        if (processKey == null && PROCESS_CREATION.equals(category) && pid != null) {
            processKey = derivedKey(env.asset().value(), pid, eventTime);
        }
        String target = present(f.get("TargetFilename"));
        return new EventRow(
                env.tenant().value(),
                partitionDay(env.eventTime(), env.receiveTime(), retentionDays),
                env.id().value(),
                eventTime,
                env.receiveTime().toEpochMilli(),
                env.asset().value(),
                env.format().name(),
                originKind,
                channel,
                provider,
                code,
                category,
                processKey,
                guid(f.get("ParentProcessGuid")),
                pid,
                pid(f.get("ParentProcessId")),
                present(f.get("Image")),
                present(f.get("ParentImage")),
                present(f.get("CommandLine")),
                user(f),
                target != null ? target : present(f.get("TargetObject")),
                present(f.get("QueryName")),
                f,
                event.raw());
    }

    /** The key of a process without a GUID: asset, pid and start time. */
    static String derivedKey(String asset, long pid, long startMillis) {
        return "pid:" + asset + ":" + pid + ":" + startMillis;
    }

    /** A process GUID in one spelling (lower case), or null when absent or all zero. */
    static @Nullable String guid(@Nullable String value) {
        String v = present(value);
        if (v == null || allZero(v)) {
            return null;
        }
        return v.toLowerCase(Locale.ROOT);
    }

    private static boolean allZero(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c != '0' && c != '-' && c != '{' && c != '}') {
                return false;
            }
        }
        return true;
    }

    /** A process id written in decimal or as Windows hex ({@code 0x1c58}); null when not a number. */
    static @Nullable Long pid(@Nullable String value) {
        String v = present(value);
        if (v == null) {
            return null;
        }
        try {
            if (v.startsWith("0x") || v.startsWith("0X")) {
                return Long.parseLong(v.substring(2), 16);
            }
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static @Nullable String user(Map<String, String> f) {
        String user = present(f.get("User"));
        if (user != null) {
            return user;
        }
        for (String prefix : new String[] {"Target", "Subject"}) {
            String name = present(f.get(prefix + "UserName"));
            if (name != null) {
                String domain = present(f.get(prefix + "DomainName"));
                return domain == null ? name : domain + "\\" + name;
            }
        }
        return null;
    }

    private static @Nullable String present(@Nullable String v) {
        return v == null || v.isEmpty() || v.equals("-") ? null : v;
    }
}
