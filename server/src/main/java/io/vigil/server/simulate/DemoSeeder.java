package io.vigil.server.simulate;

import io.vigil.server.ingest.IngestCredentialService;
import io.vigil.server.ingest.IngestKey;
import io.vigil.server.platform.Actor;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantScope;
import io.vigil.server.tenant.Tenant;
import io.vigil.server.tenant.TenantService;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code vigil.demo.enabled=true} ({@code ./vigil serve --demo}): on the first start, creates a
 * tenant named {@value #NAME} and sends every simulator scenario through this server's own agent
 * ingest API, so a newcomer who signs in sees alerts within seconds. Runs once per data folder: a
 * start that finds the tenant already there sends nothing.
 */
@Component
@ConditionalOnProperty(prefix = "vigil.demo", name = "enabled", havingValue = "true")
class DemoSeeder {

    /** The demo tenant's name. */
    static final String NAME = "Demo";

    private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);
    private static final Actor SYSTEM =
            new Actor(Actor.Kind.USER, "system", "vigil demo", Role.PROVIDER_ADMIN, null, TenantScope.all());

    private final TenantService tenants;
    private final IngestCredentialService keys;
    private final Clock clock;

    DemoSeeder(TenantService tenants, IngestCredentialService keys, Clock clock) {
        this.tenants = tenants;
        this.keys = keys;
        this.clock = clock;
    }

    @EventListener
    void onReady(ApplicationReadyEvent ready) {
        Optional<Tenant> existing = tenants.visible(SYSTEM).stream()
                .filter(t -> t.name().equals(NAME))
                .findFirst();
        if (existing.isPresent()) {
            LOG.info(
                    "Demo: the tenant '{}' ({}) exists already; no attacks sent again",
                    NAME,
                    existing.get().id());
            return;
        }
        String port = ready.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
        Tenant tenant = tenants.create(
                SYSTEM, NAME, "Sample customer: simulated attacks sent by vigil.demo.enabled", "127.0.0.1");
        String key = keys.createKey(SYSTEM, tenant.id(), "demo simulator", IngestKey.Purpose.ENROLLMENT, "127.0.0.1")
                .token();
        Thread.ofPlatform().name("demo-seeder").daemon().start(() -> send("http://127.0.0.1:" + port, key, tenant));
    }

    private void send(String base, String key, Tenant tenant) {
        Simulator simulator = new Simulator(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
                base,
                key,
                "WS-DEMO-01",
                "SRV-DEMO-02",
                "DEMO\\alice");
        int events = 0;
        int scenarios = 0;
        try {
            for (Scenario scenario : Scenario.all()) {
                events += simulator.run(scenario, clock.instant()).accepted();
                scenarios++;
            }
            LOG.info(
                    "Demo: sent {} events of {} attack scenarios to the tenant '{}' ({}); its alerts appear within"
                            + " seconds (GET /api/tenants/{}/alerts)",
                    events,
                    scenarios,
                    NAME,
                    tenant.id(),
                    tenant.id());
        } catch (RuntimeException e) {
            LOG.warn("Demo: sending the simulated attacks failed after {} scenarios", scenarios, e);
        }
    }
}
