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
        return StoreFixture.sysmon(
                tenant.value(),
                asset,
                time,
                1,
                Map.of(
                        "Image", "C:\\Windows\\System32\\cmd.exe",
                        "CommandLine", commandLine,
                        "ProcessGuid",
                                "{"
                                        + java.util.UUID.nameUUIDFromBytes((asset + time + commandLine)
                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                                        + "}",
                        "ProcessId", "4242",
                        "User", "CORP\\alice"));
    }
}
