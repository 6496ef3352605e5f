package io.vigil.server.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.Fixtures;
import io.vigil.server.Http;
import io.vigil.server.VigilApplication;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TestEnvironment;
import io.vigil.server.simulate.Scenarios;
import io.vigil.server.tenant.Tenant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attacks through the HTTP APIs of a server that runs the SigmaHQ rules and Vigil's IoA pack, as a
 * provider would run it (its own application context, since it loads all 3,141 SigmaHQ rules):
 *
 * <ul>
 *   <li>each real attack recording of {@code ../shared/datasets/mordor}, uploaded through the
 *       ingest API into its own tenant, raises alerts carrying the ATT&amp;CK technique its {@code
 *       .yaml} names (the technique itself or one of its sub-techniques); skipped without the data
 *       set, failing in CI;
 *   <li>{@code vigil.demo.enabled} ({@code ./vigil serve --demo}) seeds the demo tenant with every
 *       simulator scenario, whose alerts carry every technique the scenarios name.
 * </ul>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = VigilApplication.class)
@Import(Fixtures.class)
class AttackRecordingsTest {

    private static final Path SHARED = Path.of(System.getProperty("vigil.test.shared-dir", "../../shared"));
    private static final Path MORDOR = SHARED.resolve("datasets/mordor");
    private static final Path SIGMAHQ = SHARED.resolve("datasets/sigma/rules");
    private static final Pattern TECHNIQUE =
            Pattern.compile("technique:\\s*(T\\d{4})\\s*\\n\\s*sub-technique:\\s*\"?(\\d{3})?");
    private static final Pattern HOST_FILE = Pattern.compile("- type: Host\\s*\\n\\s*link: \\S*/([^/\\s]+\\.zip)");

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    private final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path data = io.vigil.server.TestDirs.create("vigil-mordor-test");
        registry.add("vigil.data.dir", data::toString);
        registry.add("vigil.admin.password", () -> "mordor test admin 1");
        registry.add("vigil.demo.enabled", () -> "true");
        Path rules = Files.isDirectory(SIGMAHQ) ? SIGMAHQ : io.vigil.server.TestDirs.create("vigil-no-rules");
        registry.add("vigil.detection.rules", rules::toString);
    }

    /** The recordings' descriptions: {@code SDWIN-….yaml}, {@code SDLIN-….yaml}. */
    static List<Path> recordings() throws IOException {
        if (!Files.isDirectory(MORDOR)) {
            return List.of(Path.of("missing-data-set.yaml"));
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(MORDOR, "*.yaml")) {
            files.forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void shouldRaiseAlertsWithTheRecordingsTechnique(Path description) throws Exception {
        TestEnvironment.require(
                Files.isDirectory(MORDOR) && Files.isDirectory(SIGMAHQ),
                "The shared Mordor and SigmaHQ data sets",
                "put ../shared beside the checkout");
        String yaml = Files.readString(description);
        Matcher t = TECHNIQUE.matcher(yaml);
        assertThat(t.find()).as("%s names a technique", description).isTrue();
        String technique = t.group(2) == null ? t.group(1) : t.group(1) + "." + t.group(2);
        Matcher f = HOST_FILE.matcher(yaml);
        assertThat(f.find()).as("%s names its host recording", description).isTrue();
        Path zip = MORDOR.resolve(f.group(1));

        Tenant tenant = fixtures.tenant();
        String token = new Http(base()).accessToken(fixtures.connection(Role.SOC_ANALYST, tenant.id()));
        int uploaded = 0;
        for (Entry e : entries(zip)) {
            HttpResponse<String> r = new Http(base())
                    .send(HttpRequest.newBuilder(URI.create(base() + "/api/tenants/" + tenant.id()
                                    + "/telemetry/files?name=" + URLEncoder.encode(e.name(), StandardCharsets.UTF_8)
                                    + "&asset=mordor-host"))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(e.bytes()))
                            .header("Content-Type", "application/octet-stream")
                            .header("Authorization", "Bearer " + token)
                            .timeout(Duration.ofMinutes(2))
                            .build());
            assertThat(r.statusCode()).as("%s: %s", e.name(), r.body()).isEqualTo(200);
            JsonNode report = json.readTree(r.body());
            assertThat(report.get("rejected").asInt()).as(r.body()).isZero();
            uploaded += report.get("accepted").asInt();
        }
        assertThat(uploaded).isPositive();

        Set<String> techniques = techniquesUntil(tenant, token, technique);
        assertThat(techniques)
                .as("techniques of the alerts on %s (%s)", zip.getFileName(), description.getFileName())
                .anyMatch(x -> x.equals(technique) || x.startsWith(technique + "."));
    }

    @Test
    void shouldSeedTheDemoTenantWithEverySimulatedAttack() {
        String admin = new Http(base()).accessToken(fixtures.connection(Role.PROVIDER_ADMIN, null));
        Optional<TenantId> found = Optional.empty();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (found.isEmpty() && System.nanoTime() < deadline) {
            found = demoTenant(admin);
            sleep();
        }
        assertThat(found).as("the demo tenant").isPresent();
        TenantId demo = found.orElseThrow();
        Set<String> expected = Scenarios.techniques();
        Set<String> seen;
        deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        do {
            seen = techniques(demo, admin);
        } while (!seen.containsAll(expected) && System.nanoTime() < deadline && pause());
        assertThat(seen).as("techniques of the demo tenant's alerts").containsAll(expected);
    }

    private Optional<TenantId> demoTenant(String admin) {
        HttpResponse<String> r = new Http(base()).getJson("/api/tenants", admin);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        for (JsonNode t : json.readTree(r.body())) {
            if (t.get("name").asString().equals(Scenarios.demoTenant())) {
                return Optional.of(TenantId.parse(t.get("id").asString()));
            }
        }
        return Optional.empty();
    }

    private static boolean pause() {
        sleep();
        return true;
    }

    /** One file of a recording's zip. */
    private static final class Entry {
        private final String name;
        private final byte[] bytes;

        Entry(String name, byte[] bytes) {
            this.name = name;
            this.bytes = bytes;
        }

        String name() {
            return name;
        }

        byte[] bytes() {
            return bytes;
        }
    }

    private static List<Entry> entries(Path zip) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(zip);
                ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry e = entries.getNextEntry(); e != null; e = entries.getNextEntry()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                entries.transferTo(bytes);
                out.add(new Entry(e.getName(), bytes.toByteArray()));
            }
        }
        return out;
    }

    /** The techniques of the tenant's alerts, once {@code expected} is among them or 90 s pass. */
    private Set<String> techniquesUntil(Tenant tenant, String token, String expected) {
        Set<String> seen;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        do {
            seen = techniques(tenant.id(), token);
            if (seen.stream().anyMatch(x -> x.equals(expected) || x.startsWith(expected + "."))) {
                return seen;
            }
            sleep();
        } while (System.nanoTime() < deadline);
        return seen;
    }

    /** The techniques of all of a tenant's alerts, every page. */
    private Set<String> techniques(TenantId tenant, String token) {
        Set<String> seen = new TreeSet<>();
        String cursor = null;
        do {
            HttpResponse<String> r = new Http(base())
                    .getJson(
                            "/api/tenants/" + tenant + "/alerts?limit=1000"
                                    + (cursor == null ? "" : "&cursor=" + cursor),
                            token);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode page = json.readTree(r.body());
            for (JsonNode a : page.get("alerts")) {
                a.get("techniques").forEach(x -> seen.add(x.asString()));
            }
            JsonNode next = page.get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asString();
        } while (cursor != null);
        return seen;
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
