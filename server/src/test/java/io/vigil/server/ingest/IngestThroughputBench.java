package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.BenchSupport;
import io.vigil.server.Fixtures;
import io.vigil.server.ServerTest;
import io.vigil.server.tenant.Tenant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Durable ingest throughput over HTTP in embedded mode (SQLite, {@code synchronous=FULL}): agents
 * send gzip NDJSON batches of Sysmon-like process events to the real server on loopback, and the
 * figure is acknowledged events per second — each acknowledged only after its commit. Client and
 * server share this machine's cores, so the figure is conservative. Not part of {@code ./mvnw
 * verify} (the name does not end in Test); run it with {@code bench/run.sh ingest}. Settings:
 * {@code -Dvigil.test.bench-events} (default 400000), {@code -Dvigil.test.bench-batch} (2000), {@code
 * -Dvigil.test.bench-senders} (4), {@code -Dvigil.test.bench-binaries} (0) and {@code
 * -Dvigil.test.bench-warmup} (600000 events sent before the clock starts: the consumers' and the
 * log writer's methods run once per batch, and with less the JIT compiler was still busy with them
 * during the measured part).
 */
class IngestThroughputBench extends ServerTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcTelemetryLog log;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void measure() throws Exception {
        int total = Integer.getInteger("vigil.test.bench-events", 400_000);
        int batchSize = Integer.getInteger("vigil.test.bench-batch", 2_000);
        int senders = Integer.getInteger("vigil.test.bench-senders", 4);
        Tenant tenant = fixtures.tenant();
        String enrollKey =
                fixtures.ingestKey(tenant.id(), IngestKey.Purpose.ENROLLMENT).token();
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(URI.create(base() + "/ingest/agent/v1/enroll"))
                            .header("Authorization", "Bearer " + enrollKey)
                            .header("Content-Type", "application/json")
                            .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                            "{\"host_name\":\"ws" + i
                                                    + "\",\"os\":\"windows\",\"os_version\":\"10.0.26100\",\"agent_version\":\"0.1.0\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            agents.add(json.readTree(r.body()).get("token").asString());
        }
        // Batches are built before the clock starts, so the figure is the server's work.
        int warmupBatches = Math.max(senders, Integer.getInteger("vigil.test.bench-warmup", 600_000) / batchSize);
        int batches = total / batchSize;
        List<byte[]> bodies = new ArrayList<>(warmupBatches + batches);
        long rawBytes = 0;
        for (int b = 0; b < warmupBatches + batches; b++) {
            String text = batch(b, batchSize);
            rawBytes += b >= warmupBatches ? text.length() : 0;
            bodies.add(BenchSupport.gzip(text.getBytes(StandardCharsets.UTF_8)));
        }
        send(client, agents, bodies.subList(0, warmupBatches));

        long head = log.head();
        Map<String, Long> threadsStarted = BenchSupport.cpuByThreadGroup();
        long writtenStarted = BenchSupport.bytesWritten();
        long cpuStarted = BenchSupport.processCpuNanos();
        long started = System.nanoTime();
        int acked = send(client, agents, bodies.subList(warmupBatches, bodies.size()));
        double seconds = (System.nanoTime() - started) / 1e9;
        long cpuAcked = BenchSupport.processCpuNanos() - cpuStarted;
        Map<String, Long> threadsAcked = BenchSupport.cpuByThreadGroup();
        long writtenAcked = BenchSupport.bytesWritten() - writtenStarted;
        assertThat(acked).isEqualTo(batches * batchSize);
        System.out.printf(
                Locale.ROOT,
                "%nINGEST %d events in %d batches of %d from %d agents: %.2f s, %.0f events/s acknowledged,"
                        + " %.1f MB/s of NDJSON; log positions %d -> %d%n",
                acked,
                batches,
                batchSize,
                senders,
                seconds,
                acked / seconds,
                rawBytes / seconds / 1e6,
                head,
                log.head());
        // The store writer runs behind the log; how long until it has everything?
        long end = log.head();
        while (log.committed("telemetry-store") < end) {
            Thread.sleep(50);
        }
        double stored = (System.nanoTime() - started) / 1e9;
        long cpuStored = BenchSupport.processCpuNanos() - cpuStarted;
        Map<String, Long> threadsStored = BenchSupport.cpuByThreadGroup();
        long writtenStored = BenchSupport.bytesWritten() - writtenStarted;
        System.out.printf(
                Locale.ROOT,
                "STORE all %d events in the telemetry store %.2f s after the first batch was sent: %.0f events/s end to end%n",
                acked,
                stored,
                acked / stored);
        // Steal and other engineers' builds distort wall time; CPU time of this process does not.
        System.out.printf(
                Locale.ROOT,
                "CPU of this process (client and server): %.1f us/event until acknowledged, %.1f us/event until stored%n",
                cpuAcked / 1e3 / acked,
                cpuStored / 1e3 / acked);
        System.out.printf(
                Locale.ROOT,
                "CPU by thread until acknowledged (us/event):%s%nCPU by thread until stored (us/event):%s%n",
                BenchSupport.cpuPerEvent(threadsStarted, threadsAcked, acked),
                BenchSupport.cpuPerEvent(threadsStarted, threadsStored, acked));
        System.out.printf(
                Locale.ROOT,
                "WRITTEN by this process (write calls): %.1f KB/event until acknowledged, %.1f KB/event until stored%n",
                writtenAcked / 1e3 / acked,
                writtenStored / 1e3 / acked);
    }

    /** Where the time goes, without HTTP: parsing, encoding for the log, and the durable append. */
    @Test
    void phases() {
        int batchSize = Integer.getInteger("vigil.test.bench-batch", 2_000);
        int batches = Integer.getInteger("vigil.test.bench-events", 400_000) / batchSize;
        List<byte[]> bodies = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            bodies.add(batch(1_000_000 + b, batchSize).getBytes(StandardCharsets.UTF_8));
        }
        io.vigil.telemetry.EventParser parser =
                io.vigil.telemetry.Parsers.forFormat(io.vigil.telemetry.SourceFormat.AGENT_NDJSON);
        io.vigil.telemetry.ParseContext context = new io.vigil.telemetry.ParseContext(
                new io.vigil.telemetry.TenantId("bench"),
                new io.vigil.telemetry.AssetId("ws0"),
                "batch",
                java.time.Clock.systemUTC());
        List<List<io.vigil.telemetry.CanonicalEvent>> parsed = new ArrayList<>();
        for (int round = 0; round < 2; round++) { // the first round warms up
            parsed.clear();
            long t0 = System.nanoTime();
            for (byte[] body : bodies) {
                parsed.add(parser.parseAll(new java.io.ByteArrayInputStream(body), context)
                        .events());
            }
            long t1 = System.nanoTime();
            long bytes = 0;
            for (List<io.vigil.telemetry.CanonicalEvent> events : parsed) {
                for (io.vigil.telemetry.CanonicalEvent e : events) {
                    bytes += io.vigil.telemetry.EventCodec.encode(e).length;
                }
            }
            long t2 = System.nanoTime();
            int n = batches * batchSize;
            System.out.printf(
                    Locale.ROOT,
                    "%nPHASES round %d: parse %.0f events/s, encode %.0f events/s (%.0f bytes/event)%n",
                    round,
                    n / ((t1 - t0) / 1e9),
                    n / ((t2 - t1) / 1e9),
                    (double) bytes / n);
        }
        long t3 = System.nanoTime();
        for (List<io.vigil.telemetry.CanonicalEvent> events : parsed) {
            log.append(events);
        }
        long t4 = System.nanoTime();
        System.out.printf(
                Locale.ROOT,
                "PHASES append (encode + SQLite insert + commit, %d per transaction): %.0f events/s%n",
                batchSize,
                batches * batchSize / ((t4 - t3) / 1e9));
    }

    private int send(HttpClient client, List<String> agents, List<byte[]> bodies) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger acked = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(agents.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String agent : agents) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                        HttpResponse<String> r = client.send(
                                HttpRequest.newBuilder(URI.create(base() + "/ingest/agent/v1/batches"))
                                        .header("Authorization", "Bearer " + agent)
                                        .header("Content-Type", "application/x-ndjson")
                                        .header("Content-Encoding", "gzip")
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i)))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException("batch refused: " + r.statusCode() + " " + r.body());
                        }
                        acked.addAndGet(json.readTree(r.body()).get("accepted").asInt());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return acked.get();
    }

    /**
     * How many distinct binaries (MD5/SHA-256 pairs) the process starts carry
     * ({@code vigil.test.bench-binaries}): 0, the default, gives every event its own, the worst case
     * for the detection pipeline's prevalence stage (new rows for every event); a fleet runs a few
     * hundred to a few thousand distinct binaries.
     */
    private static final int BINARIES = Integer.getInteger("vigil.test.bench-binaries", 0);

    /**
     * When the fleet's first event happened: event {@code n} happened {@code n} × 20 µs later, as if
     * the agents together produced 50,000 events per second, so the events of a batch lie close in
     * time and batches of different agents interleave, as they do when agents send what just happened.
     */
    private static final java.time.Instant FLEET_START = java.time.Instant.parse("2026-11-28T00:00:00Z");

    /** A batch of Sysmon-like process starts (about 700 bytes each), unique per batch index. */
    private static String batch(int index, int size) {
        StringBuilder s = new StringBuilder(size * 800);
        s.append("{\"type\":\"batch\",\"schema\":\"vigil.agent/1\",\"batch_id\":\"b")
                .append(index)
                .append(
                        "\",\"sent_at\":\"2026-11-28T01:00:00Z\",\"agent\":{\"id\":\"bench-agent\",\"version\":\"0.1.0\","
                                + "\"product\":\"Vigil Agent\"},\"host\":{\"name\":\"ws\",\"os\":\"windows\"}}\n");
        String[] images = {"cmd.exe", "powershell.exe", "rundll32.exe", "svchost.exe", "chrome.exe", "msedge.exe"};
        for (int i = 0; i < size; i++) {
            long n = (long) index * size + i;
            String image = images[(int) (n % images.length)];
            s.append("{\"type\":\"process_start\",\"id\":\"e-")
                    .append(n)
                    .append("\",\"time\":\"")
                    .append(FLEET_START.plusNanos(n * 20_000))
                    .append("\",\"Image\":\"C:\\\\Windows\\\\System32\\\\")
                    .append(image)
                    .append("\",\"CommandLine\":\"")
                    .append(image)
                    .append(" /c echo job ")
                    .append(n)
                    .append(
                            " --config C:\\\\ProgramData\\\\App\\\\settings.json\",\"CurrentDirectory\":\"C:\\\\Users\\\\alice\\\\\","
                                    + "\"ProcessId\":")
                    .append(1000 + n % 60000)
                    .append(",\"ProcessGuid\":\"{5770385f-c22a-")
                    .append(String.format(Locale.ROOT, "%04x-%012x", n % 65536, n))
                    .append(
                            "}\",\"ParentProcessId\":4321,\"ParentProcessGuid\":\"{5770385f-c22a-43e0-bf4c-06f5698ffbd9}\","
                                    + "\"ParentImage\":\"C:\\\\Windows\\\\explorer.exe\",\"ParentCommandLine\":\"C:\\\\Windows\\\\Explorer.EXE\","
                                    + "\"User\":\"CORP\\\\alice\",\"UserSid\":\"S-1-5-21-1004336348-1177238915-682003330-1001\","
                                    + "\"LogonId\":\"0x3e7\",\"IntegrityLevel\":\"Medium\",\"Hashes\":\"MD5=")
                    .append(String.format(Locale.ROOT, "%032x", binary(n) * 2654435761L))
                    .append(",SHA256=")
                    .append(String.format(Locale.ROOT, "%064x", binary(n) * 40503L))
                    .append("\",\"Company\":\"Microsoft Corporation\",\"OriginalFileName\":\"")
                    .append(image)
                    .append("\"}\n");
        }
        return s.toString();
    }

    /** The binary of event {@code n}: itself, or one of {@link #BINARIES} (a few much more often). */
    private static long binary(long n) {
        if (BINARIES <= 0) {
            return n;
        }
        long h = (n * 0x9E3779B97F4A7C15L) >>> 33;
        // squared uniform: low ids (svchost, chrome) far more frequent than high ones
        double u = (h % 1_000_000) / 1_000_000.0;
        return 1 + (long) (u * u * BINARIES);
    }
}
