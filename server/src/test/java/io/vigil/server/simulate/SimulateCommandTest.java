package io.vigil.server.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.Fixtures;
import io.vigil.server.Http;
import io.vigil.server.ServerTest;
import io.vigil.server.ingest.IngestKey;
import io.vigil.server.platform.Role;
import io.vigil.server.tenant.Tenant;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code vigil simulate} against the whole server over HTTP: every scenario is accepted and stored. */
class SimulateCommandTest extends ServerTest {

    @Autowired
    Fixtures fixtures;

    private final JsonMapper json = JsonMapper.builder().build();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int simulate(String... args) {
        return SimulateCommand.run(
                args,
                null,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.systemUTC());
    }

    private String token(Tenant tenant) {
        var issued = fixtures.connection(Role.SOC_ANALYST, tenant.id());
        return new Http(base()).accessToken(issued);
    }

    @Test
    void shouldListEveryScenarioWithItsTechniques() {
        assertThat(simulate("list")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("log-clearing", "hive-dump", "office-macro", "wmi-persistence", "cobalt-strike")
                .contains("T1685.005", "T1003.002", "T1546.003");
        assertThat(Scenario.all()).allSatisfy(s -> {
            assertThat(s.techniques()).as(s.name()).isNotEmpty();
            assertThat(s.lines()).as(s.name()).hasSizeGreaterThan(3);
        });
    }

    @Test
    void shouldSendEveryScenarioThroughTheIngestApiIntoTheStore() throws Exception {
        Tenant tenant = fixtures.tenant();
        String key =
                fixtures.ingestKey(tenant.id(), IngestKey.Purpose.ENROLLMENT).token();
        int code = simulate(
                "all", "--url", base(), "--key", key, "--tenant", tenant.id().value(), "--host", "WS-SIM");
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        int events = 0;
        for (Scenario s : Scenario.all()) {
            assertThat(printed).contains(s.name() + " ");
            assertThat(printed).contains(s.lines().size() + " events sent");
            assertThat(printed).contains("accepted " + s.lines().size() + ", rejected 0");
            events += s.lines().size();
        }

        // Both hosts' events are stored under the tenant, on their own assets.
        String soc = token(tenant);
        String query = "{\"from\": \"" + Instant.now().minus(Duration.ofHours(2)) + "\", \"to\": \""
                + Instant.now().plus(Duration.ofMinutes(5)) + "\", \"limit\": 1000}";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode page;
        do {
            page = json.readTree(new Http(base())
                    .postJson("/api/tenants/" + tenant.id() + "/events/search", query, soc)
                    .body());
        } while (page.get("events").size() < events && System.nanoTime() < deadline && pause());
        assertThat(page.get("events")).hasSize(events);
        List<String> assets = page.get("events")
                .valueStream()
                .map(e -> e.get("asset").asString())
                .distinct()
                .sorted()
                .toList();
        assertThat(assets).containsExactly("srv-sim02", "ws-sim");
    }

    /**
     * Each scenario, sent to a tenant of its own, raises alerts from the rules in force (Vigil's IoA
     * pack) that carry every ATT&CK technique its header names.
     */
    @Test
    void shouldRaiseAlertsWithEveryTechniqueEachScenarioNames() throws Exception {
        for (Scenario s : Scenario.all()) {
            Tenant tenant = fixtures.tenant();
            String key = fixtures.ingestKey(tenant.id(), IngestKey.Purpose.ENROLLMENT)
                    .token();
            assertThat(simulate(s.name(), "--url", base(), "--key", key))
                    .as(err.toString(StandardCharsets.UTF_8))
                    .isZero();
            String soc = token(tenant);
            Set<String> seen = new TreeSet<>();
            Set<String> titles = new TreeSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            do {
                seen.clear();
                titles.clear();
                json.readTree(new Http(base())
                                .getJson("/api/tenants/" + tenant.id() + "/alerts?limit=1000", soc)
                                .body())
                        .get("alerts")
                        .forEach(a -> {
                            titles.add(a.get("ruleTitle").asString());
                            a.get("techniques").forEach(t -> seen.add(t.asString()));
                        });
            } while (!seen.containsAll(s.techniques()) && System.nanoTime() < deadline && pause());
            assertThat(seen)
                    .as("techniques of the alerts of scenario %s", s.name())
                    .containsAll(s.techniques());
            if (s.name().equals("wmi-persistence")) {
                // The agent's WMI events get Sysmon's event ids, so the Sysmon-keyed rule meets them too.
                assertThat(titles).contains("WMI Command Line Or Script Event Consumer Registered");
            }
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(200);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void shouldRefuseAWrongTenantABadKeyAndBadUsage() {
        Tenant tenant = fixtures.tenant();
        Tenant other = fixtures.tenant();
        String key =
                fixtures.ingestKey(tenant.id(), IngestKey.Purpose.ENROLLMENT).token();
        assertThat(simulate(
                        "hive-dump",
                        "--url",
                        base(),
                        "--key",
                        key,
                        "--tenant",
                        other.id().value()))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("belongs to tenant " + tenant.id());

        assertThat(simulate("hive-dump", "--url", base(), "--key", "vgk_nope_nope"))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("HTTP 401", "enrollment key");

        assertThat(simulate("no-such-scenario", "--key", key)).isEqualTo(2);
        assertThat(simulate("hive-dump")).isEqualTo(2);
        assertThat(simulate("hive-dump", "--key", key, "--url", "ftp://x")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("no scenario 'no-such-scenario'", "--key", "http or https");
    }
}
