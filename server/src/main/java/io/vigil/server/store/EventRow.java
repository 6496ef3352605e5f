package io.vigil.server.store;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One event as the store writes it: partition, envelope columns, promoted columns, fields and raw record. */
record EventRow(
        String tenant,
        int day,
        String eventId,
        long eventTime,
        long receiveTime,
        String asset,
        String format,
        String originKind,
        String channel,
        String provider,
        @Nullable Integer eventCode,
        @Nullable String category,
        @Nullable String processKey,
        @Nullable String parentKey,
        @Nullable Long pid,
        @Nullable Long parentPid,
        @Nullable String image,
        @Nullable String parentImage,
        @Nullable String commandLine,
        @Nullable String user,
        @Nullable String target,
        @Nullable String queryName,
        Map<String, String> fields,
        String raw) {}
