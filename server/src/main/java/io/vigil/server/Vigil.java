package io.vigil.server;

import io.vigil.server.detection.RulesCommand;
import io.vigil.server.hunt.HuntCommand;
import io.vigil.server.simulate.SimulateCommand;
import java.io.PrintStream;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;

/**
 * The {@code vigil} command: dispatches a subcommand. {@code serve} starts the platform; later
 * capabilities add their own subcommands here (rules, hunt, simulate, agent).
 *
 * <p>Dispatch is plain on purpose: {@code serve} must start fast, so no command framework is loaded
 * before Spring.
 */
public final class Vigil {

    private Vigil() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "serve" -> {
                // --demo is short for --vigil.demo.enabled=true: a demo tenant with simulated attacks.
                SpringApplication.run(
                        VigilApplication.class,
                        Arrays.stream(rest)
                                .map(a -> a.equals("--demo") ? "--vigil.demo.enabled=true" : a)
                                .toArray(String[]::new));
                return 0;
            }
            case "rules" -> {
                return RulesCommand.run(rest, out, err);
            }
            case "hunt" -> {
                return HuntCommand.run(rest, out, err);
            }
            case "simulate" -> {
                return SimulateCommand.run(rest, out, err);
            }
            case "help", "--help", "-h" -> {
                usage(out);
                return 0;
            }
            case "version", "--version" -> {
                out.println("vigil " + version());
                return 0;
            }
            default -> {
                err.println("vigil: unknown command '" + command + "'.");
                usage(err);
                return 2;
            }
        }
    }

    static String version() {
        String v = Vigil.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    private static void usage(PrintStream out) {
        out.println("""
                Usage: vigil <command> [options]

                Commands:
                  serve      start the platform (portal, API) on http://localhost:8080
                             Spring options may follow, e.g. --server.port=9090;
                             --demo adds a demo tenant with simulated attacks on the first start
                  hunt       match Sigma rules over EVTX/JSON/XML/auditd files offline
                             (vigil hunt help)
                  rules      check Sigma rules, run SigmaHQ regression data, download SigmaHQ
                             rules (vigil rules help)
                  simulate   send realistic attack telemetry to a server's ingest API
                             (vigil simulate list)
                  version    print the version
                  help       print this text

                Configuration: see docs/configuration.md (e.g. VIGIL_DATA_DIR, VIGIL_DATABASE_URL).""");
    }
}
