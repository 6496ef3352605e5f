package io.vigil.server.simulate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends scenarios through the real agent ingest API, as enrolled agents would: enrolls the hosts
 * with an enrollment key, then posts one gzip NDJSON batch per host and scenario. Every run has
 * fresh event ids and process GUIDs, so running a scenario again raises new alerts.
 */
final class Simulator {

    /** What one scenario sent. */
    record Sent(String scenario, int events, int accepted, int rejected) {}

    /** The simulator could not do its job; the message says why. */
    static final class SimulationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulationException(String message) {
            super(message);
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z0-9]+)(?:([+:])([0-9]+))?}");

    private final HttpClient http;
    private final String base;
    private final String enrollmentKey;
    private final String host;
    private final String peer;
    private final String domain;
    private final String username;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Agent> agents = new TreeMap<>();

    private record Agent(String id, String tenant, String token) {}

    Simulator(HttpClient http, String base, String enrollmentKey, String host, String peer, String user) {
        this.http = http;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.enrollmentKey = enrollmentKey;
        this.host = host;
        this.peer = peer;
        int slash = user.indexOf('\\');
        this.domain = slash < 0 ? "CORP" : user.substring(0, slash);
        this.username = slash < 0 ? user : user.substring(slash + 1);
    }

    /** {@return the tenant id the enrollment key belongs to} (enrolls the first host) */
    String tenant() {
        return agent(host).tenant();
    }

    Sent run(Scenario scenario, Instant now) {
        String salt = UUID.randomUUID().toString().substring(0, 8);
        long span = 0;
        Matcher offsets = Pattern.compile("\\$\\{t\\+([0-9]+)}")
                .matcher(String.join(
                        "\n",
                        scenario.lines().stream().map(Scenario.Line::template).toList()));
        while (offsets.find()) {
            span = Math.max(span, Long.parseLong(offsets.group(1)));
        }
        // Everything happened in the last minutes: the last event a minute ago.
        Instant start = now.truncatedTo(ChronoUnit.SECONDS).minusSeconds(span + 60);
        Map<Integer, List<String>> byHost = new TreeMap<>();
        int n = 0;
        for (Scenario.Line line : scenario.lines()) {
            String rendered = render(line.template(), start, salt);
            JsonNode event = json.readTree(rendered);
            if (!event.isObject()) {
                throw new SimulationException("scenario " + scenario.name() + ": a line is not a JSON object");
            }
            n++;
            String withId = "{\"id\":\"sim-" + scenario.name() + "-" + salt + "-" + n + "\","
                    + rendered.strip().substring(1);
            byHost.computeIfAbsent(line.host(), h -> new ArrayList<>()).add(withId);
        }
        int accepted = 0;
        int rejected = 0;
        for (Map.Entry<Integer, List<String>> e : byHost.entrySet()) {
            String name = e.getKey() == 2 ? peer : host;
            JsonNode answer = send(agent(name), name, scenario.name() + "-" + salt, e.getValue(), now);
            accepted += answer.path("accepted").asInt();
            rejected += answer.path("rejected").asInt();
        }
        return new Sent(scenario.name(), n, accepted, rejected);
    }

    private String render(String template, Instant start, String salt) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String op = m.group(2);
            String arg = m.group(3);
            String value = switch (name) {
                case "t" -> {
                    if (!"+".equals(op) || arg == null) {
                        throw new SimulationException("${t} needs an offset in seconds, e.g. ${t+30}");
                    }
                    yield start.plusSeconds(Long.parseLong(arg)).toString();
                }
                case "guid" -> "{" + UUID.nameUUIDFromBytes((salt + ":" + arg).getBytes(StandardCharsets.UTF_8)) + "}";
                case "host" -> host;
                case "host2" -> peer;
                case "user" -> jsonText(domain + "\\" + username);
                case "username" -> jsonText(username);
                default -> throw new SimulationException("unknown placeholder ${" + name + "}");
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String jsonText(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private Agent agent(String name) {
        Agent known = agents.get(name);
        if (known != null) {
            return known;
        }
        String body = "{\"host_name\":\"" + jsonText(name) + "\",\"os\":\"windows\",\"os_version\":\"10.0.20348\","
                + "\"agent_version\":\"simulator\"}";
        HttpResponse<String> r = post(
                "/ingest/agent/v1/enroll",
                body.getBytes(StandardCharsets.UTF_8),
                "application/json",
                null,
                enrollmentKey);
        if (r.statusCode() != 201) {
            throw new SimulationException("enrolling " + name + " at " + base + " failed: HTTP " + r.statusCode() + " "
                    + clip(r.body()) + (r.statusCode() == 401 ? " (is --key an enrollment key of the tenant?)" : ""));
        }
        JsonNode answer = json.readTree(r.body());
        Agent agent = new Agent(
                answer.path("agent_id").asString(),
                answer.path("tenant_id").asString(),
                answer.path("token").asString());
        agents.put(name, agent);
        return agent;
    }

    private JsonNode send(Agent agent, String hostName, String batchId, List<String> events, Instant now) {
        StringBuilder ndjson = new StringBuilder("{\"type\":\"batch\",\"schema\":\"vigil.agent/1\",\"batch_id\":\"")
                .append(batchId)
                .append("\",\"sent_at\":\"")
                .append(now)
                .append("\",\"agent\":{\"id\":\"")
                .append(agent.id())
                .append("\",\"version\":\"simulator\",\"product\":\"Vigil attack simulator\"},\"host\":{\"name\":\"")
                .append(jsonText(hostName))
                .append("\",\"os\":\"windows\"}}\n");
        events.forEach(e -> ndjson.append(e).append('\n'));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(ndjson.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpResponse<String> r =
                post("/ingest/agent/v1/batches", gz.toByteArray(), "application/x-ndjson", "gzip", agent.token());
        if (r.statusCode() != 200) {
            throw new SimulationException(
                    "sending to " + base + " failed: HTTP " + r.statusCode() + " " + clip(r.body()));
        }
        return json.readTree(r.body());
    }

    private HttpResponse<String> post(
            String path, byte[] body, String type, @org.jspecify.annotations.Nullable String encoding, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", type)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SimulationException("cannot reach " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimulationException("interrupted");
        }
    }

    private static String clip(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
