package io.vigil.server.simulate;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code vigil simulate <scenario>|all|list --url URL --key KEY [--host H] [--peer P] [--user
 * DOMAIN\NAME] [--tenant ID]}: sends realistic attack telemetry through a server's real agent
 * ingest API, so that its detections can be seen (and tested) in seconds.
 */
public final class SimulateCommand {

    private SimulateCommand() {}

    /** Runs the command; returns the exit code (0 sent, 1 failed, 2 usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.getenv("VIGIL_SIMULATE_KEY"), out, err, Clock.systemUTC());
    }

    static int run(String[] args, @Nullable String keyFromEnvironment, PrintStream out, PrintStream err, Clock clock) {
        List<Scenario> scenarios = Scenario.all();
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            usage(args.length == 0 ? err : out, scenarios);
            return args.length == 0 ? 2 : 0;
        }
        if (args[0].equals("list")) {
            for (Scenario s : scenarios) {
                out.printf(
                        "%-16s %s%n%16s   ATT&CK %s%n%16s   %s%n",
                        s.name(), s.title(), "", String.join(", ", s.techniques()), "", s.story());
            }
            return 0;
        }
        String url = "http://localhost:8080";
        String key = keyFromEnvironment;
        String host = "WS-SIM01";
        String peer = "SRV-SIM02";
        String user = "CORP\\alice";
        String tenant = null;
        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length || !option.startsWith("--")) {
                return usageError(err, "unexpected '" + option + "'; options take a value, e.g. --host WS01");
            }
            String value = args[++i];
            switch (option) {
                case "--url" -> url = value;
                case "--key" -> key = value;
                case "--host" -> host = value;
                case "--peer" -> peer = value;
                case "--user" -> user = value;
                case "--tenant" -> tenant = value;
                default -> {
                    return usageError(err, "unknown option " + option);
                }
            }
        }
        if (key == null || key.isBlank()) {
            return usageError(
                    err,
                    "give the tenant's enrollment key with --key (or VIGIL_SIMULATE_KEY);"
                            + " create one under Tenant → Telemetry sources, or POST /api/tenants/{id}/ingest-keys");
        }
        URI base;
        try {
            base = URI.create(url);
        } catch (IllegalArgumentException e) {
            return usageError(err, "--url is not a URL: " + url);
        }
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
            return usageError(err, "--url must be an http or https URL, not '" + url + "'");
        }
        List<Scenario> chosen = new ArrayList<>();
        for (Scenario s : scenarios) {
            if (args[0].equals("all") || s.name().equals(args[0])) {
                chosen.add(s);
            }
        }
        if (chosen.isEmpty()) {
            List<String> names = scenarios.stream().map(Scenario::name).toList();
            return usageError(err, "no scenario '" + args[0] + "'; choose one of " + names + " or all");
        }
        Simulator simulator = new Simulator(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), url, key, host, peer, user);
        try {
            String keyTenant = simulator.tenant();
            if (tenant != null && !tenant.equals(keyTenant)) {
                err.println("vigil simulate: the key belongs to tenant " + keyTenant + ", not " + tenant
                        + "; nothing sent");
                return 1;
            }
            for (Scenario s : chosen) {
                Simulator.Sent sent = simulator.run(s, clock.instant());
                out.printf(
                        "%-16s %d events sent to %s (accepted %d, rejected %d) — expect ATT&CK %s%n",
                        s.name(),
                        sent.events(),
                        s.lines().stream().anyMatch(l -> l.host() == 2) ? host + " and " + peer : host,
                        sent.accepted(),
                        sent.rejected(),
                        String.join(", ", s.techniques()));
                if (sent.rejected() > 0) {
                    err.println("vigil simulate: the server rejected " + sent.rejected() + " events of " + s.name());
                    return 1;
                }
            }
            out.println("Tenant " + keyTenant + ": the alerts appear within seconds (GET /api/tenants/" + keyTenant
                    + "/alerts).");
            return 0;
        } catch (Simulator.SimulationException e) {
            err.println("vigil simulate: " + e.getMessage());
            return 1;
        }
    }

    private static int usageError(PrintStream err, String message) {
        err.println("vigil simulate: " + message);
        err.println("Run 'vigil simulate help' for the usage.");
        return 2;
    }

    private static void usage(PrintStream out, List<Scenario> scenarios) {
        out.println("""
                Usage: vigil simulate <scenario>|all|list --key ENROLLMENT_KEY [--url http://localhost:8080]
                                      [--host WS-SIM01] [--peer SRV-SIM02] [--user CORP\\alice] [--tenant ID]

                Sends realistic attack telemetry through the server's agent ingest API: enrolls the
                hosts with the tenant's enrollment key (also read from VIGIL_SIMULATE_KEY) and sends
                each scenario's events as those agents would. --tenant checks that the key belongs to
                that tenant before anything is sent.

                Scenarios:""");
        for (Scenario s : scenarios) {
            out.printf("  %-16s %s%n", s.name(), s.title());
        }
    }
}
