package io.vigil.server.intel;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vigil.server.platform.Actor;
import io.vigil.server.platform.AuditLog;
import io.vigil.server.platform.Dialect;
import io.vigil.server.platform.MutableClock;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantScope;
import io.vigil.server.platform.TestDatabase;
import io.vigil.telemetry.AssetId;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventEnvelope;
import io.vigil.telemetry.EventId;
import io.vigil.telemetry.EventOrigin;
import io.vigil.telemetry.SourceFormat;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** Feed refresh from HTTP (a JDK HttpServer on loopback), from files, and from a TAXII 2.1 server. */
class FeedRefreshTest {

    private static final Actor ADMIN =
            new Actor(Actor.Kind.USER, "admin", "admin", Role.PROVIDER_ADMIN, null, TenantScope.all());

    @TempDir
    Path dir;

    private TestDatabase db;
    private HttpServer server;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private IntelService intel;

    @BeforeEach
    void start() throws IOException {
        db = TestDatabase.open(Dialect.SQLITE, dir);
        JdbcTemplate t = new JdbcTemplate(db.dataSource());
        IntelProperties small = new IntelProperties(
                DataSize.ofKilobytes(64),
                DataSize.ofMegabytes(1),
                100_000,
                100,
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                2,
                10);
        intel = new IntelService(
                new IocRepository(t),
                new FeedRepository(t),
                new AuditLog(db.jdbc()),
                clock,
                small,
                JsonMapper.builder().build());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        db.close();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void serve(String path, int status, String body, Map<String, String> headers) {
        server.createContext(path, exchange -> respond(exchange, status, body, headers));
    }

    private void respond(HttpExchange exchange, int status, String body, Map<String, String> headers)
            throws IOException {
        requests.add(exchange.getRequestURI().toString() + " "
                + exchange.getRequestHeaders().getFirst("Accept"));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Feed feed(
            String name, FeedKind kind, String location, @org.jspecify.annotations.Nullable String collection) {
        return intel.createFeed(
                ADMIN,
                name,
                kind,
                location,
                collection,
                Duration.ofHours(1),
                60,
                Duration.ofDays(7),
                Tlp.CLEAR,
                "127.0.0.1");
    }

    private static CanonicalEvent dns(String tenant, String query) {
        io.vigil.telemetry.TenantId t = new io.vigil.telemetry.TenantId(tenant);
        return new CanonicalEvent(
                new EventEnvelope(
                        t,
                        new AssetId("h"),
                        EventId.derive(t, List.of(query)),
                        Instant.EPOCH,
                        Instant.EPOCH,
                        SourceFormat.EVTX_JSON,
                        new EventOrigin.Windows("Microsoft-Windows-Sysmon/Operational", "Microsoft-Windows-Sysmon", 22),
                        "dns_query"),
                Map.of("QueryName", query),
                "{}");
    }

    @Test
    void shouldRefreshAnHttpFeedStoreItsRunAndMatchItsIocsForEveryTenant() {
        serve("/urlhaus.csv", 200, new String(SharedIoc.resource("urlhaus.csv"), StandardCharsets.UTF_8), Map.of());
        Feed feed = feed("URLhaus", FeedKind.URLHAUS, base() + "/urlhaus.csv", null);
        FeedRun run = intel.refresh(ADMIN, feed.id(), "127.0.0.1");
        assertThat(run.status()).isEqualTo(FeedRun.Status.PARTIAL);
        assertThat(run.added()).isEqualTo(3);
        assertThat(run.skipped()).isEqualTo(2);
        assertThat(run.problems()).hasSize(2);
        assertThat(intel.matcher()
                        .match(
                                dnsUrl("any-tenant", "https://evil-downloads.example.com/payload/update.exe"),
                                clock.instant()))
                .hasSize(1);

        clock.advance(Duration.ofHours(2));
        FeedRun again = intel.refresh(ADMIN, feed.id(), "127.0.0.1");
        assertThat(again.added()).isZero();
        assertThat(again.updated()).isEqualTo(3);
        assertThat(intel.runs(ADMIN, feed.id(), 10)).hasSize(2);
        assertThat(intel.feed(ADMIN, feed.id()).lastRun()).isEqualTo(again);
        // feed IoCs expire after the feed's ttl unless a refresh lists them again
        clock.advance(Duration.ofDays(8));
        assertThat(intel.matcher()
                        .match(
                                dnsUrl("any-tenant", "https://evil-downloads.example.com/payload/update.exe"),
                                clock.instant()))
                .isEmpty();
    }

    private static CanonicalEvent dnsUrl(String tenant, String url) {
        CanonicalEvent e = dns(tenant, "x.invalid");
        return new CanonicalEvent(e.envelope(), Map.of("url", url), "{}");
    }

    @Test
    void shouldRecordAFailedRunWithTheHttpErrorAndATooLargeDocument() {
        serve("/down.csv", 503, "", Map.of());
        serve("/big.csv", 200, "x".repeat(70_000), Map.of());
        Feed down = feed("down", FeedKind.FEODO, base() + "/down.csv", null);
        Feed big = feed("big", FeedKind.FEODO, base() + "/big.csv", null);
        FeedRun r1 = intel.refresh(ADMIN, down.id(), "127.0.0.1");
        assertThat(r1.status()).isEqualTo(FeedRun.Status.FAILED);
        assertThat(r1.problems().getFirst()).contains("HTTP 503 from " + base() + "/down.csv");
        FeedRun r2 = intel.refresh(ADMIN, big.id(), "127.0.0.1");
        assertThat(r2.status()).isEqualTo(FeedRun.Status.FAILED);
        assertThat(r2.problems().getFirst()).contains("larger than 65536 bytes");
    }

    @Test
    void shouldRefreshAMispFeedFromAFolderAndOnlyDueFeedsOnSchedule() throws IOException {
        Path misp = Files.createDirectories(dir.resolve("misp"));
        String uuid = "5f0c8c1e-1111-4222-8333-944455556666";
        Files.writeString(misp.resolve("manifest.json"), "{\"" + uuid + "\": {\"info\": \"t\"}}");
        Files.writeString(misp.resolve(uuid + ".json"), """
                {"Event": {"info": "test event", "uuid": "%s", "Attribute": [
                  {"type": "domain", "value": "misp-bad.example", "to_ids": true}]}}""".formatted(uuid));
        Feed feed = feed("misp", FeedKind.MISP_FEED, misp.toString(), null);
        intel.refreshDue();
        assertThat(intel.feed(ADMIN, feed.id()).lastRun()).isNotNull();
        assertThat(intel.matcher().match(dns("t1", "www.misp-bad.example"), clock.instant()))
                .hasSize(1);
        Instant firstRun = java.util.Objects.requireNonNull(
                        intel.feed(ADMIN, feed.id()).lastRun())
                .startedAt();
        clock.advance(Duration.ofMinutes(30));
        intel.refreshDue();
        assertThat(intel.runs(ADMIN, feed.id(), 10)).hasSize(1);
        clock.advance(Duration.ofMinutes(31));
        intel.refreshDue();
        assertThat(intel.runs(ADMIN, feed.id(), 10)).hasSize(2);
        assertThat(java.util.Objects.requireNonNull(intel.feed(ADMIN, feed.id()).lastRun())
                        .startedAt())
                .isAfter(firstRun);
    }

    private static String indicator(int n) {
        return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--" + n
                + "\",\"pattern_type\":\"stix\",\"pattern\":\"[domain-name:value = 'c2-" + n
                + ".example']\",\"valid_from\":\"2026-01-01T00:00:00Z\"}";
    }

    @Test
    void shouldPageThroughATaxiiCollectionAndResumeFromTheLastAddedDate() {
        String json = "application/taxii+json;version=2.1";
        serve("/taxii2/", 200, "{\"title\":\"t\",\"default\":\"/api1/\",\"api_roots\":[\"/api1/\"]}", Map.of());
        serve(
                "/api1/collections/",
                200,
                "{\"collections\":[{\"id\":\"c1\",\"title\":\"IoCs\",\"can_read\":true,\"can_write\":false}]}",
                Map.of());
        server.createContext("/api1/collections/c1/objects/", exchange -> {
            String q = exchange.getRequestURI().getRawQuery();
            if (q.contains("next=p2")) {
                respond(
                        exchange,
                        200,
                        "{\"more\":false,\"objects\":[" + indicator(3) + "]}",
                        Map.of("Content-Type", json, "X-TAXII-Date-Added-Last", "2026-11-02T00:00:00.000Z"));
            } else if (q.contains("added_after=2026-11-02")) {
                respond(
                        exchange,
                        200,
                        "{\"more\":false,\"objects\":[" + indicator(4) + "]}",
                        Map.of("Content-Type", json, "X-TAXII-Date-Added-Last", "2026-11-03T00:00:00.000Z"));
            } else {
                respond(
                        exchange,
                        200,
                        "{\"more\":true,\"next\":\"p2\",\"objects\":[" + indicator(1) + "," + indicator(2)
                                + ",{\"type\":\"malware\",\"id\":\"malware--1\",\"name\":\"x\"}]}",
                        Map.of("Content-Type", json, "X-TAXII-Date-Added-Last", "2026-11-01T00:00:00.000Z"));
            }
        });
        Feed feed = feed("taxii", FeedKind.TAXII, base() + "/taxii2/", "c1");
        FeedRun first = intel.refresh(ADMIN, feed.id(), "127.0.0.1");
        assertThat(first.status()).isEqualTo(FeedRun.Status.OK);
        assertThat(first.added()).isEqualTo(3);
        assertThat(intel.feed(ADMIN, feed.id()).taxiiAddedAfter()).isEqualTo("2026-11-02T00:00:00.000Z");
        assertThat(requests)
                .anyMatch(r -> r.startsWith("/api1/collections/c1/objects/?limit=2 ") && r.endsWith(json))
                .anyMatch(r -> r.startsWith("/api1/collections/c1/objects/?limit=2&next=p2"));

        FeedRun second = intel.refresh(ADMIN, feed.id(), "127.0.0.1");
        assertThat(second.added()).isEqualTo(1);
        assertThat(requests).anyMatch(r -> r.contains("added_after=2026-11-02T00%3A00%3A00.000Z"));
        assertThat(intel.feed(ADMIN, feed.id()).taxiiAddedAfter()).isEqualTo("2026-11-03T00:00:00.000Z");
        assertThat(intel.matcher().match(dns("t", "c2-4.example"), clock.instant()))
                .hasSize(1);
    }

    @Test
    void shouldFailATaxiiRefreshWhoseCollectionIsNotListed() {
        serve("/api2/collections/", 200, "{\"collections\":[]}", Map.of());
        serve("/api2/", 200, "{\"title\":\"root\",\"versions\":[\"application/taxii+json;version=2.1\"]}", Map.of());
        Feed feed = feed("taxii-missing", FeedKind.TAXII, base() + "/api2/", "nope");
        FeedRun run = intel.refresh(ADMIN, feed.id(), "127.0.0.1");
        assertThat(run.status()).isEqualTo(FeedRun.Status.FAILED);
        assertThat(run.problems().getFirst()).contains("has no collection nope");
    }
}
