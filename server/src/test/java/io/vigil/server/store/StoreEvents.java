package io.vigil.server.store;

import io.vigil.server.platform.TenantId;
import io.vigil.telemetry.CanonicalEvent;
import java.time.Instant;
import java.util.Map;

/** Events for tests outside this package that need something in the store. */
public final class StoreEvents {

    private StoreEvents() {}

    /** A Sysmon process creation of {@code tenant} on {@code asset}. */
    public static CanonicalEvent processStart(TenantId tenant, String asset, Instant time, String commandLine) {
        return processStart(tenant, asset, time, "C:\\Windows\\System32\\cmd.exe", commandLine);
    }

    /** A Sysmon process start of {@code image} (event id 1) by {@code CORP\alice}. */
    public static CanonicalEvent processStart(
            TenantId tenant, String asset, Instant time, String image, String commandLine) {
        return sysmonProcess(tenant, asset, time, image, commandLine, "CORP\\alice");
    }

    /** A Sysmon process start of {@code image} (event id 1) by {@code user}. */
    public static CanonicalEvent sysmonProcess(
            TenantId tenant, String asset, Instant time, String image, String commandLine, String user) {
        return StoreFixture.sysmon(
                tenant.value(),
                asset,
                time,
                1,
                Map.of(
                        "Image",
                        image,
                        "CommandLine",
                        commandLine,
                        "ProcessGuid",
                        "{"
                                + java.util.UUID.nameUUIDFromBytes((asset + time + commandLine + user)
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                                + "}",
                        "ProcessId",
                        "4242",
                        "User",
                        user));
    }

    /** A Sysmon DNS query (event id 22) by {@code image}. */
    public static CanonicalEvent dnsQuery(TenantId tenant, String asset, Instant time, String image, String queryName) {
        return StoreFixture.sysmon(
                tenant.value(),
                asset,
                time,
                22,
                Map.of("Image", image, "QueryName", queryName, "QueryStatus", "0", "ProcessId", "4242"));
    }
}
