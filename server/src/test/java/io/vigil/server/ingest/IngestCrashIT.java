package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.Fixtures;
import io.vigil.server.Http;
import io.vigil.server.VigilApplication;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TestEnvironment;
import io.vigil.server.tenant.Tenant;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ARCHITECTURE.md §4.2, "nothing acknowledged is lost", proven with a real crash: the packaged
 * server takes agent batches from several senders and is killed with SIGKILL in the middle of
 * them. After a restart on the same data folder, every event of every batch that had been answered
 * {@code 200} is in the telemetry store exactly once, and so is a batch that was in flight at the
 * kill once its sender retries it (the retry is recognised, nothing is doubled); and the detection
 * pipeline, killed with it, has raised exactly one alert for every one of those events.
 */
class IngestCrashIT {

    private static final int EVENTS_PER_BATCH = 500;
    private static final int SENDERS = 3;
    private static final String CRASH_RULE = "0c4a5e11-0000-4000-8000-00000000c4a5";
    private static final String CRASH_CORRELATION = "0c4a5e11-0000-4000-8000-00000000c4a6";
    /** Each batch's events share a parent image, so its 500 events fill five windows of 100. */
    private static final int CORRELATED_EVENTS = 100;

    @TempDir
    Path dir;

    private final JsonMapper json = JsonMapper.builder().build();
    private final Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(5));

    @Test
    void shouldKeepEveryAcknowledgedEventThroughAKill() throws Exception {
        Path jar = Path.of("target/vigil-server.jar").toAbsolutePath();
        TestEnvironment.require(Files.isRegularFile(jar), "the packaged jar", "run ./mvnw verify (it packages first)");
        Path data = dir.resolve("data");
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(
                rules.resolve("crash_marker.yml"), """
                title: Crash test marker
                id: %s
                name: crash_marker
                logsource:
                    category: process_creation
                    product: windows
                detection:
                    selection:
                        CommandLine|contains: 'crash-b'
                    condition: selection
                level: low
                ---
                title: Crash test correlation - a hundred markers from one batch
                id: %s
                correlation:
                    type: event_count
                    rules:
                        - crash_marker
                    group-by:
                        - ParentImage
                    timespan: 1h
                    condition:
                        gte: %d
                    generate: true
                level: medium
                """.formatted(CRASH_RULE, CRASH_CORRELATION, CORRELATED_EVENTS));

        // Credentials made in process on the data folder the packaged server then opens.
        Tenant tenant;
        String enrollment;
        String refresh;
        String clientId;
        try (ConfigurableApplicationContext seed = new SpringApplicationBuilder(VigilApplication.class, Fixtures.class)
                .properties(
                        "vigil.data.dir=" + data,
                        "vigil.detection.rules=" + rules,
                        "vigil.admin.password=crash test admin 1",
                        "server.port=0",
                        "spring.main.banner-mode=off")
                .run()) {
            Fixtures fixtures = seed.getBean(Fixtures.class);
            tenant = fixtures.tenant();
            enrollment = fixtures.ingestKey(tenant.id(), IngestKey.Purpose.ENROLLMENT)
                    .token();
            var connection = fixtures.connection(Role.SOC_ANALYST, tenant.id());
            refresh = connection.refreshToken();
            clientId = connection.connection().clientId();
        }

        Server first = Server.start(jar, data, rules, dir, "first.log");
        String agent;
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        Set<Integer> sent = ConcurrentHashMap.newKeySet();
        try {
            HttpResponse<String> enrolled = post(
                    first.base,
                    "/ingest/agent/v1/enroll",
                    "{\"host_name\":\"WS-CRASH\",\"os\":\"windows\",\"os_version\":\"10\",\"agent_version\":\"0.1.0\"}",
                    "application/json",
                    "Bearer " + enrollment);
            assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
            agent = "Bearer " + json.readTree(enrolled.body()).get("token").asString();

            AtomicInteger next = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> senders = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                Thread t = Thread.ofPlatform().name("crash-sender-" + s).start(() -> {
                    while (!stop.get()) {
                        int n = next.getAndIncrement();
                        String body = batch(n);
                        sent.add(n);
                        try {
                            HttpResponse<String> r =
                                    post(first.base, "/ingest/agent/v1/batches", body, "application/x-ndjson", agent);
                            if (r.statusCode() == 200) {
                                acknowledged.add(n);
                            }
                        } catch (RuntimeException connectionLost) {
                            return; // the server is gone: this batch is not acknowledged
                        }
                    }
                });
                senders.add(t);
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (acknowledged.size() < 12 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(acknowledged).as("batches acknowledged before the kill").hasSizeGreaterThanOrEqualTo(12);
            first.kill();
            stop.set(true);
            for (Thread t : senders) {
                t.join(Duration.ofSeconds(60));
            }
        } finally {
            first.kill();
        }
        Set<Integer> inFlight = new TreeSet<>(sent);
        inFlight.removeAll(acknowledged);
        System.out.printf(
                "IngestCrashIT: %d batches acknowledged before SIGKILL, %d in flight%n",
                acknowledged.size(), inFlight.size());

        Server second = Server.start(jar, data, rules, dir, "second.log");
        try {
            // The senders retry what was in flight, as agents do.
            for (int n : inFlight) {
                HttpResponse<String> r =
                        post(second.base, "/ingest/agent/v1/batches", batch(n), "application/x-ndjson", agent);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            }
            Set<Integer> expected = new TreeSet<>(sent);
            String token = accessToken(second.base, clientId, refresh);
            Map<String, Integer> stored = storedUntil(second.base, tenant, token, expected.size() * EVENTS_PER_BATCH);
            for (int n : expected) {
                for (int i = 0; i < EVENTS_PER_BATCH; i++) {
                    assertThat(stored.getOrDefault(marker(n, i), 0))
                            .as(
                                    "copies of event %d of batch %d (%s)",
                                    i, n, acknowledged.contains(n) ? "acknowledged" : "retried")
                            .isEqualTo(1);
                }
            }
            assertThat(stored).hasSize(expected.size() * EVENTS_PER_BATCH);

            // The detection pipeline, killed mid-stream too, raised one alert per stored event: none
            // lost, none doubled.
            Map<String, Integer> alerted = alertsUntil(second.base, tenant, token, stored.size());
            assertThat(alerted.values()).allMatch(n -> n == 1);
            assertThat(alerted).hasSize(stored.size());

            // Its correlation windows, saved at checkpoints and restored after the kill, counted every
            // event exactly once: five correlation alerts per batch, none lost, none doubled.
            Map<String, Integer> correlated = correlationsUntil(
                    second.base, tenant, token, expected.size() * EVENTS_PER_BATCH / CORRELATED_EVENTS);
            for (int n : expected) {
                assertThat(correlated.getOrDefault(parentImage(n), 0))
                        .as("correlation alerts of batch %d", n)
                        .isEqualTo(EVENTS_PER_BATCH / CORRELATED_EVENTS);
            }
            assertThat(correlated).hasSize(expected.size());
        } finally {
            second.kill();
        }
    }

    private static String parentImage(int batch) {
        return "C:\\crash\\batch-" + batch + ".exe";
    }

    private static String marker(int batch, int event) {
        return "crash-b" + batch + "-e" + event;
    }

    private String batch(int n) {
        StringBuilder s = new StringBuilder("{\"type\":\"batch\",\"schema\":\"vigil.agent/1\",\"batch_id\":\"crash-" + n
                + "\",\"sent_at\":\"" + at + "\",\"agent\":{\"id\":\"agent-crash\",\"version\":\"0.1.0\"},"
                + "\"host\":{\"name\":\"ignored\",\"os\":\"windows\"}}\n");
        for (int i = 0; i < EVENTS_PER_BATCH; i++) {
            s.append("{\"type\":\"process_start\",\"id\":\"b")
                    .append(n)
                    .append("-e")
                    .append(i)
                    .append("\",\"time\":\"")
                    .append(at.plusMillis(i))
                    .append("\",\"ProcessGuid\":\"{cccccccc-0000-0000-0000-")
                    .append(String.format("%06d%06d", n, i))
                    .append("}\",\"ProcessId\":")
                    .append(1000 + i)
                    .append(",\"Image\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\",\"CommandLine\":\"cmd.exe /c ")
                    .append(marker(n, i))
                    .append("\",\"ParentImage\":\"")
                    .append(parentImage(n).replace("\\", "\\\\"))
                    .append("\",\"User\":\"CORP\\\\alice\"}\n");
        }
        return s.toString();
    }

    private static HttpResponse<String> post(String base, String path, String body, String contentType, String auth) {
        return new Http(base)
                .send(HttpRequest.newBuilder(URI.create(base + path))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", contentType)
                        .header("Authorization", auth)
                        .timeout(Duration.ofSeconds(60))
                        .build());
    }

    private String accessToken(String base, String clientId, String refresh) {
        HttpResponse<String> r = new Http(base)
                .postJson("/api/v1/" + clientId + "/session/confirm", "{\"refresh_token\": \"" + refresh + "\"}", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body()).get("access_token").asString();
    }

    /**
     * Counts the stored copies of each event marker, paging through the whole range, until {@code
     * expected} distinct markers are there (the store writer catches up after the restart) or 3
     * minutes pass.
     */
    private Map<String, Integer> storedUntil(String base, Tenant tenant, String token, int expected)
            throws InterruptedException {
        Map<String, Integer> copies = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            copies.clear();
            String cursor = null;
            do {
                String query = "{\"from\": \"" + at.minus(Duration.ofHours(1)) + "\", \"to\": \""
                        + at.plus(Duration.ofHours(1)) + "\", \"text\": \"crash-b\", \"limit\": 1000"
                        + (cursor == null ? "" : ", \"cursor\": \"" + cursor + "\"") + "}";
                HttpResponse<String> r =
                        new Http(base).postJson("/api/tenants/" + tenant.id() + "/events/search", query, token);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonNode page = json.readTree(r.body());
                for (JsonNode e : page.get("events")) {
                    String commandLine = e.get("fields").get("CommandLine").asString();
                    copies.merge(commandLine.substring(commandLine.indexOf("crash-b")), 1, Integer::sum);
                }
                JsonNode nextCursor = page.get("nextCursor");
                cursor = nextCursor == null || nextCursor.isNull() ? null : nextCursor.asString();
            } while (cursor != null);
            if (copies.size() >= expected || System.nanoTime() > deadline) {
                return copies;
            }
            Thread.sleep(500);
        }
    }

    /** Counts the crash rule's alerts per event id until {@code expected} events have one or 3 minutes pass. */
    private Map<String, Integer> alertsUntil(String base, Tenant tenant, String token, int expected)
            throws InterruptedException {
        Map<String, Integer> perEvent = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            perEvent.clear();
            String cursor = null;
            do {
                HttpResponse<String> r = new Http(base)
                        .getJson(
                                "/api/tenants/" + tenant.id() + "/alerts?limit=1000&rule=" + CRASH_RULE
                                        + (cursor == null ? "" : "&cursor=" + cursor),
                                token);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonNode page = json.readTree(r.body());
                for (JsonNode a : page.get("alerts")) {
                    perEvent.merge(a.get("eventId").asString(), 1, Integer::sum);
                }
                JsonNode next = page.get("nextCursor");
                cursor = next == null || next.isNull() ? null : next.asString();
            } while (cursor != null);
            if (perEvent.size() >= expected || System.nanoTime() > deadline) {
                return perEvent;
            }
            Thread.sleep(500);
        }
    }

    /**
     * Counts the crash correlation's alerts per group (the batch's parent image) until {@code
     * expected} are there or 3 minutes pass.
     */
    private Map<String, Integer> correlationsUntil(String base, Tenant tenant, String token, int expected)
            throws InterruptedException {
        Map<String, Integer> perGroup = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            perGroup.clear();
            int total = 0;
            String cursor = null;
            do {
                HttpResponse<String> r = new Http(base)
                        .getJson(
                                "/api/tenants/" + tenant.id() + "/alerts?limit=1000&rule=" + CRASH_CORRELATION
                                        + (cursor == null ? "" : "&cursor=" + cursor),
                                token);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonNode page = json.readTree(r.body());
                for (JsonNode a : page.get("alerts")) {
                    assertThat(a.get("technology").asString()).isEqualTo("CORRELATION");
                    JsonNode group = a.get("evidence").get(0);
                    assertThat(group.get("field").asString()).isEqualTo("ParentImage");
                    perGroup.merge(group.get("eventValue").asString(), 1, Integer::sum);
                    total++;
                }
                JsonNode next = page.get("nextCursor");
                cursor = next == null || next.isNull() ? null : next.asString();
            } while (cursor != null);
            if (total >= expected || System.nanoTime() > deadline) {
                return perGroup;
            }
            Thread.sleep(500);
        }
    }

    /** The packaged server in its own process, as {@code ./vigil serve} runs it. */
    private static final class Server {
        final Process process;
        final String base;

        private Server(Process process, String base) {
            this.process = process;
            this.base = base;
        }

        static Server start(Path jar, Path data, Path rules, Path work, String logName) throws Exception {
            Path log = work.resolve(logName);
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "--enable-native-access=ALL-UNNAMED",
                            "-jar",
                            jar.toString(),
                            "serve",
                            "--server.port=" + port,
                            "--vigil.detection.rules=" + rules,
                            "--vigil.detection.checkpoint-interval=1s"))
                    .directory(work.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(k -> k.startsWith("VIGIL_") && !k.startsWith("VIGIL_TEST_"));
            env.put("VIGIL_DATA_DIR", data.toString());
            Process process = builder.start();
            String base = "http://127.0.0.1:" + port;
            Http http = new Http(base);
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    if (http.getJson("/actuator/health", null).statusCode() == 200) {
                        return new Server(process, base);
                    }
                } catch (RuntimeException notYet) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            process.destroyForcibly();
            throw new AssertionError("the packaged server did not reach health UP; log:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }

        /** SIGKILL: no shutdown hook, no flush, no orderly close. */
        void kill() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            }
        }
    }
}
