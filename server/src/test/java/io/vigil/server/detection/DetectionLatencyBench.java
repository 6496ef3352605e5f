package io.vigil.server.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.BenchSupport;
import io.vigil.server.Fixtures;
import io.vigil.server.VigilApplication;
import io.vigil.server.ingest.IngestKey;
import io.vigil.server.tenant.Tenant;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Event-to-alert latency in embedded mode at a sustained ingest rate (issue 5: p99 at most 1 s
 * while sustaining 5,000 events/s). Two agents send gzip NDJSON batches over HTTP to the real server
 * on loopback, paced every 100 ms, for a fixed time; each batch carries one marker process start that
 * a rule turns into an alert. The latency of a marker is from the moment its batch was sent to the
 * moment its alert is in the state database (polled every 20 ms), so it includes the HTTP request, the
 * durable log append, the pipeline's lag, matching against all rules in force, and the alert's
 * commit. The rules in force are the SigmaHQ folder ({@code ../shared/datasets/sigma/rules}, when
 * present), Vigil's IoA pack and the marker rule; the server uses the real clock.
 *
 * <p>Not part of {@code ./mvnw verify}: run it with {@code bench/run.sh latency [events/s [seconds]]}
 * ({@code -Dvigil.test.bench-rate}, default 5000; {@code -Dvigil.test.bench-seconds}, default 60;
 * the first 10 s warm up and are not counted).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = VigilApplication.class)
@Import(Fixtures.class)
class DetectionLatencyBench {

    private static final String MARKER_RULE = "6c1d2e3f-0000-4000-8000-00000000bead";
    private static final Pattern MARKER = Pattern.compile("latency-marker-(\\d+)");
    private static final int BATCHES_PER_SECOND = 10;
    private static final int WARM_UP_SECONDS = 10;
    /**
     * How often the alerts are polled: each poll reads and decodes the last second's marker alerts,
     * which at 5 ms cost the process as much CPU as the detection stage; at 20 ms a latency is late by
     * at most 20 ms.
     */
    private static final int POLL_MILLIS = 20;

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    AlertService alerts;

    private final JsonMapper json = JsonMapper.builder().build();

    /** The poller thread's CPU time, set when it ends. */
    private final java.util.concurrent.atomic.AtomicLong pollerCpu = new java.util.concurrent.atomic.AtomicLong();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path data = io.vigil.server.TestDirs.create("vigil-latency-bench");
        Path marker = Files.createDirectories(data.resolve("marker-rule"));
        Files.writeString(marker.resolve("latency_marker.yml"), """
                title: Latency marker
                id: %s
                logsource:
                    category: process_creation
                    product: windows
                detection:
                    selection:
                        CommandLine|contains: 'latency-marker-'
                    condition: selection
                level: low
                """.formatted(MARKER_RULE));
        Path sigmaHq = Path.of(System.getProperty("vigil.test.shared-dir", "../../shared"), "datasets/sigma/rules");
        registry.add("vigil.data.dir", data::toString);
        registry.add("vigil.admin.password", () -> "latency bench admin 1");
        registry.add(
                "vigil.detection.rules",
                () -> marker + (Files.isDirectory(sigmaHq) ? "," + sigmaHq.toAbsolutePath() : ""));
    }

    @Test
    void measure() throws Exception {
        int rate = Integer.getInteger("vigil.test.bench-rate", 5_000);
        int seconds = Integer.getInteger("vigil.test.bench-seconds", 60);
        int perBatch = rate / BATCHES_PER_SECOND;
        int batches = (seconds + WARM_UP_SECONDS) * BATCHES_PER_SECOND;
        Tenant tenant = fixtures.tenant();
        String enrollKey =
                fixtures.ingestKey(tenant.id(), IngestKey.Purpose.ENROLLMENT).token();
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(URI.create(base() + "/ingest/agent/v1/enroll"))
                            .header("Authorization", "Bearer " + enrollKey)
                            .header("Content-Type", "application/json")
                            .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                            "{\"host_name\":\"lat" + i
                                                    + "\",\"os\":\"windows\",\"os_version\":\"10.0.26100\",\"agent_version\":\"0.1.0\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            agents.add(json.readTree(r.body()).get("token").asString());
        }
        List<byte[]> bodies = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) {
            bodies.add(BenchSupport.gzip(batch(b, perBatch).getBytes(StandardCharsets.UTF_8)));
        }

        long[] sentAt = new long[batches];
        long[] alertedAt = new long[batches];
        long[] ackedAt = new long[batches];
        Map<Integer, Boolean> refused = new ConcurrentHashMap<>();
        AtomicInteger acked = new AtomicInteger();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        Thread poller = Thread.ofPlatform().name("latency-poller").start(() -> poll(tenant, alertedAt));
        long cpuStarted = BenchSupport.processCpuNanos();
        Map<String, Long> threadsStarted = BenchSupport.cpuByThreadGroup();
        long start = System.nanoTime();
        long interval = 1_000_000_000L / BATCHES_PER_SECOND;
        for (int b = 0; b < batches; b++) {
            long due = start + b * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int index = b;
            sentAt[b] = System.nanoTime();
            pending.add(client.sendAsync(
                            HttpRequest.newBuilder(URI.create(base() + "/ingest/agent/v1/batches"))
                                    .header("Authorization", "Bearer " + agents.get(b % agents.size()))
                                    .header("Content-Type", "application/x-ndjson")
                                    .header("Content-Encoding", "gzip")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(b)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .thenAccept(r -> {
                        ackedAt[index] = System.nanoTime();
                        if (r.statusCode() == 200) {
                            acked.addAndGet(
                                    json.readTree(r.body()).get("accepted").asInt());
                        } else {
                            refused.put(index, true);
                        }
                    }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (Arrays.stream(alertedAt).anyMatch(t -> t == 0) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        poller.interrupt();
        poller.join();
        long cpu = BenchSupport.processCpuNanos() - cpuStarted;
        Map<String, Long> byThread = BenchSupport.cpuByThreadGroup();
        byThread.put("latency-poller", pollerCpu.get()); // it has ended, so the reading lacks it

        int first = WARM_UP_SECONDS * BATCHES_PER_SECOND;
        long[] latencies = new long[batches - first];
        long[] ackLatencies = new long[batches - first];
        int missing = 0;
        for (int b = first; b < batches; b++) {
            latencies[b - first] = alertedAt[b] == 0 ? Long.MAX_VALUE : alertedAt[b] - sentAt[b];
            ackLatencies[b - first] = ackedAt[b] - sentAt[b];
            missing += alertedAt[b] == 0 ? 1 : 0;
        }
        Arrays.sort(latencies);
        Arrays.sort(ackLatencies);
        System.out.printf(
                Locale.ROOT,
                "%nLATENCY %d events/s offered for %d s (+%d s warm-up), %d per batch every %d ms from 2 agents:"
                        + " %.0f events/s acknowledged, %d batches refused, %d markers without an alert%n"
                        + "LATENCY event-to-alert over %d markers: p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms%n"
                        + "LATENCY send-to-acknowledgement of the batches: p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms%n"
                        + "CPU of this process (client and server): %.1f us/event%n",
                rate,
                seconds,
                WARM_UP_SECONDS,
                perBatch,
                1000 / BATCHES_PER_SECOND,
                acked.get() / sendSeconds,
                refused.size(),
                missing,
                latencies.length,
                percentile(latencies, 0.50),
                percentile(latencies, 0.90),
                percentile(latencies, 0.99),
                percentile(latencies, 1.0),
                percentile(ackLatencies, 0.50),
                percentile(ackLatencies, 0.90),
                percentile(ackLatencies, 0.99),
                percentile(ackLatencies, 1.0),
                cpu / 1e3 / Math.max(1, acked.get()));
        System.out.printf(
                Locale.ROOT,
                "CPU by thread (us/event):%s%n",
                BenchSupport.cpuPerEvent(threadsStarted, byThread, acked.get()));
        java.util.Map<String, Integer> byRule = new java.util.TreeMap<>();
        for (Alert a : alerts.list(
                        Fixtures.root(), new AlertFilter(tenant.id(), null, null, List.of(), null, null, 1000, null))
                .alerts()) {
            byRule.merge(a.ruleTitle(), 1, Integer::sum);
        }
        System.out.printf(Locale.ROOT, "LATENCY alerts by rule (newest 1000): %s%n", byRule);
        assertThat(missing).as("markers whose alert never came").isZero();
        assertThat(refused).isEmpty();
    }

    private static double percentile(long[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        long v = sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        return v == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : v / 1e6;
    }

    /** Notes when each marker's alert first appears in the state database. */
    private void poll(Tenant tenant, long[] alertedAt) {
        try {
            pollUntilInterrupted(tenant, alertedAt);
        } finally {
            pollerCpu.set(
                    java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
        }
    }

    private void pollUntilInterrupted(Tenant tenant, long[] alertedAt) {
        Instant since = Instant.EPOCH;
        while (!Thread.currentThread().isInterrupted()) {
            AlertPage page = alerts.list(
                    Fixtures.root(),
                    new AlertFilter(tenant.id(), since, null, List.of(), null, MARKER_RULE, 1000, null));
            long now = System.nanoTime();
            for (Alert a : page.alerts()) {
                if (a.detectedAt().minusSeconds(2).isAfter(since)) {
                    since = a.detectedAt().minusSeconds(1); // later polls read only the newest alerts
                }
                for (AlertEvidence e : a.evidence()) {
                    Matcher m = MARKER.matcher(String.valueOf(e.eventValue()));
                    if (m.find()) {
                        int b = Integer.parseInt(m.group(1));
                        if (b < alertedAt.length && alertedAt[b] == 0) {
                            alertedAt[b] = now;
                        }
                    }
                }
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * A batch of Sysmon-like process starts (about 700 bytes each) of everyday software: six
     * binaries (so six images and hash pairs across the fleet) with a command line unique per event;
     * its first event is the marker.
     */
    private static String batch(int index, int size) {
        StringBuilder s = new StringBuilder(size * 800);
        s.append("{\"type\":\"batch\",\"schema\":\"vigil.agent/1\",\"batch_id\":\"lat")
                .append(index)
                .append("\",\"sent_at\":\"")
                .append(Instant.now())
                .append(
                        "\",\"agent\":{\"id\":\"bench-agent\",\"version\":\"0.1.0\"},\"host\":{\"name\":\"ws\",\"os\":\"windows\"}}\n");
        // Everyday processes that no rule should flag; only the marker raises an alert.
        String[][] benign = {
            {
                "C:\\\\Program Files\\\\Google\\\\Chrome\\\\Application\\\\chrome.exe",
                "chrome.exe --type=renderer --lang=en-US --renderer-client-id="
            },
            {"C:\\\\Program Files\\\\Microsoft Office\\\\root\\\\Office16\\\\OUTLOOK.EXE", "OUTLOOK.EXE /recycle /id "},
            {
                "C:\\\\Program Files (x86)\\\\Microsoft\\\\Edge\\\\Application\\\\msedge.exe",
                "msedge.exe --type=utility --utility-sub-type=network.mojom.NetworkService "
            },
            {"C:\\\\Windows\\\\System32\\\\notepad.exe", "notepad.exe C:\\\\Users\\\\alice\\\\Documents\\\\notes-"},
            {"C:\\\\Program Files\\\\Microsoft VS Code\\\\Code.exe", "Code.exe --type=gpu-process --field-trial-handle="
            },
            {"C:\\\\Program Files\\\\Mozilla Firefox\\\\firefox.exe", "firefox.exe -contentproc -childID "}
        };
        for (int i = 0; i < size; i++) {
            long n = (long) index * size + i;
            String[] process = benign[(int) (n % benign.length)];
            String image = i == 0 ? "C:\\\\Windows\\\\System32\\\\cmd.exe" : process[0];
            String commandLine = i == 0 ? "cmd.exe /c echo latency-marker-" + index : process[1] + n;
            s.append("{\"type\":\"process_start\",\"id\":\"l-")
                    .append(n)
                    .append("\",\"time\":\"")
                    .append(Instant.now())
                    .append("\",\"Image\":\"")
                    .append(image)
                    .append("\",\"CommandLine\":\"")
                    .append(commandLine)
                    .append("\",\"CurrentDirectory\":\"C:\\\\Users\\\\alice\\\\\",")
                    .append("\"ProcessId\":")
                    .append(1000 + n % 60000)
                    .append(",\"ProcessGuid\":\"{5770385f-c22a-")
                    .append(String.format(Locale.ROOT, "%04x-%012x", n % 65536, n))
                    .append(
                            "}\",\"ParentProcessId\":4321,\"ParentProcessGuid\":\"{5770385f-c22a-43e0-bf4c-06f5698ffbd9}\","
                                    + "\"ParentImage\":\"C:\\\\Windows\\\\explorer.exe\",\"ParentCommandLine\":\"C:\\\\Windows\\\\Explorer.EXE\","
                                    + "\"User\":\"CORP\\\\alice\",\"UserSid\":\"S-1-5-21-1004336348-1177238915-682003330-1001\","
                                    + "\"LogonId\":\"0x3e7\",\"IntegrityLevel\":\"Medium\",\"Hashes\":\"MD5=")
                    .append(String.format(Locale.ROOT, "%032x", (n % benign.length) * 2654435761L + 1))
                    .append(",SHA256=")
                    .append(String.format(Locale.ROOT, "%064x", (n % benign.length) * 40503L + 1))
                    .append("\",\"Company\":\"Microsoft Corporation\",\"OriginalFileName\":\"")
                    .append(image.substring(image.lastIndexOf('\\') + 1))
                    .append("\"}\n");
        }
        return s.toString();
    }
}
