package io.vigil.server.detection;

import io.vigil.sigma.Refusal;
import io.vigil.sigma.RuleKind;
import io.vigil.sigma.RuleMetadata;
import io.vigil.sigma.RuleProblem;
import io.vigil.sigma.RuleSet;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@code vigil rules check <path>... [--pack vigil-ioa]} loads rules (files, folders, the built-in
 * pack) and prints totals: loaded, refused with every reason, by log source and by level, and how
 * their ATT&amp;CK tags resolve in the catalog. {@code vigil rules regress <sigma repository>} runs SigmaHQ's
 * regression data (see {@link RegressionRun}). Both work offline, without starting the server.
 */
public final class RulesCommand {

    private RulesCommand() {}

    /** Runs {@code vigil rules …}; returns the exit code (2 for usage errors). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            usage(args.length == 0 ? err : out);
            return args.length == 0 ? 2 : 0;
        }
        if (args[0].equals("update")) {
            return update(Arrays.copyOfRange(args, 1, args.length), System.getenv("VIGIL_DATA_DIR"), out, err);
        }
        List<Path> paths = new ArrayList<>();
        List<String> packs = new ArrayList<>();
        Map<String, List<String>> placeholders = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--pack") && i + 1 < args.length) {
                if (!args[++i].equals(VigilIoaPack.NAME)) {
                    err.println(
                            "vigil rules: unknown pack '" + args[i] + "' (built-in packs: " + VigilIoaPack.NAME + ")");
                    return 2;
                }
                packs.add(args[i]);
            } else if (args[i].equals("--placeholder") && i + 1 < args.length) {
                String[] kv = args[++i].split("=", 2);
                if (kv.length != 2 || kv[0].isBlank()) {
                    err.println("vigil rules: --placeholder takes NAME=VALUE[,VALUE…], not '" + args[i] + "'");
                    return 2;
                }
                placeholders.put(kv[0], List.of(kv[1].split(",")));
            } else if (args[i].startsWith("--")) {
                err.println("vigil rules: unknown option " + args[i]);
                usage(err);
                return 2;
            } else {
                paths.add(Path.of(args[i]));
            }
        }
        for (Path p : paths) {
            if (!Files.exists(p)) {
                err.println("vigil rules: " + p + " does not exist");
                return 2;
            }
        }
        return switch (args[0]) {
            case "check" ->
                paths.isEmpty() && packs.isEmpty()
                        ? usageError(err, "name at least one rule file or folder, or --pack " + VigilIoaPack.NAME)
                        : check(paths, !packs.isEmpty(), placeholders, out, err);
            case "regress" ->
                paths.size() != 1
                        ? usageError(
                                err, "name the Sigma repository folder (the one holding rules/ and regression_data/)")
                        : new RegressionRun(paths.get(0), placeholders, out, err).run();
            default -> usageError(err, "unknown rules command '" + args[0] + "'");
        };
    }

    private static int check(
            List<Path> paths,
            boolean withPack,
            Map<String, List<String>> placeholders,
            PrintStream out,
            PrintStream err) {
        List<Path> files = new ArrayList<>();
        paths.forEach(p -> files.addAll(RuleFiles.find(p)));
        RuleSet.Builder builder = RuleFiles.addAll(RuleSet.builder().placeholders(placeholders), files, err);
        int fileCount = files.size();
        if (withPack) {
            VigilIoaPack.addTo(builder);
            fileCount += VigilIoaPack.files().size();
        }
        RuleSet rules = builder.build();
        List<RuleMetadata> loaded = rules.rules();
        out.printf(
                "%d files, %d rules loaded, %d refused%n",
                fileCount, loaded.size(), rules.refusals().size());
        printCounts(out, "by kind", loaded, r -> r.kind().name().toLowerCase(java.util.Locale.ROOT));
        printCounts(
                out,
                "by level",
                loaded.stream().filter(r -> r.kind() == RuleKind.DETECTION).toList(),
                r -> Objects.requireNonNullElse(r.level(), "(none)"));
        printCounts(
                out,
                "by log source (product/category/service)",
                loaded.stream().filter(r -> r.kind() == RuleKind.DETECTION).toList(),
                r -> r.logSource().toString());
        AttackTagReport.of(loaded).print(out);
        if (!rules.refusals().isEmpty()) {
            out.println();
            out.println("Refused:");
            for (Refusal refusal : rules.refusals()) {
                out.printf("  %s:%d %s%n", refusal.file(), refusal.line(), refusal.title());
                for (RuleProblem problem : refusal.problems()) {
                    out.printf("      line %d: %s%n", problem.line(), problem.message());
                }
            }
        }
        return 0;
    }

    private static void printCounts(
            PrintStream out, String title, List<RuleMetadata> rules, Function<RuleMetadata, String> key) {
        Map<String, Integer> counts = new TreeMap<>();
        rules.forEach(r -> counts.merge(key.apply(r), 1, Integer::sum));
        out.println();
        out.println(title + ":");
        counts.forEach((k, n) -> out.printf("  %6d  %s%n", n, k));
    }

    private static int usageError(PrintStream err, String message) {
        err.println("vigil rules: " + message);
        usage(err);
        return 2;
    }

    /**
     * {@code vigil rules update [--url URL] [--dir FOLDER]}: installs a SigmaHQ release's rules.
     *
     * @param dataDir the data folder from {@code VIGIL_DATA_DIR} ({@code null}: {@code ./data})
     */
    static int update(String[] args, @Nullable String dataDir, PrintStream out, PrintStream err) {
        String url = RulesUpdate.DEFAULT_URL;
        Path dir = RulesUpdate.installFolder(Path.of(dataDir == null || dataDir.isBlank() ? "./data" : dataDir));
        for (int i = 0; i < args.length; i++) {
            if ((args[i].equals("--url") || args[i].equals("--dir")) && i + 1 < args.length) {
                if (args[i].equals("--url")) {
                    url = args[++i];
                } else {
                    dir = Path.of(args[++i]);
                }
            } else {
                return usageError(err, "rules update takes --url URL and --dir FOLDER, not '" + args[i] + "'");
            }
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return usageError(err, "--url is not a URL: " + e.getMessage());
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            return usageError(err, "--url must be an http or https URL, not '" + url + "'");
        }
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
        err.println("vigil rules update: downloading " + uri);
        try {
            RulesUpdate.Installed installed = new RulesUpdate(http, RulesUpdate.Limits.DEFAULT, err).update(uri, dir);
            out.printf(
                    Locale.ROOT,
                    "vigil rules update: %,d rules installed in %s (%,d rule files, %,d refused; sha256 %s)%n",
                    installed.rules(),
                    installed.folder(),
                    installed.files(),
                    installed.refused(),
                    installed.sha256());
            out.println("A running server on this data folder loads them within a minute"
                    + " (vigil.detection.rules-check-interval). SigmaHQ rules are under the Detection Rule"
                    + " License (DRL) 1.1: keep the attribution (see LICENSE in that folder).");
            return 0;
        } catch (RulesUpdate.UpdateException e) {
            err.println("vigil rules update: " + e.getMessage());
            return 1;
        }
    }

    private static void usage(PrintStream out) {
        out.println("""
                Usage: vigil rules check [<rule file or folder>...] [--pack vigil-ioa] [--placeholder NAME=V1,V2]
                       vigil rules regress <sigma repository folder> [--placeholder NAME=V1,V2]
                       vigil rules update [--url URL] [--dir FOLDER]

                  check    load the rules and print totals: loaded, refused with reasons,
                           by kind, level and log source, ATT&CK tags against the catalog
                           (exit 0 unless the usage is wrong); --pack vigil-ioa adds
                           Vigil's own IoA pack shipped in the jar
                  regress  run the repository's regression_data: parse each test's .evtx with
                           Vigil's EVTX parser, match the whole rule set, compare with info.yml's
                           match_count; ends with 'N passed, M failed' (exit 1 if any failed)
                  update   download a SigmaHQ release archive (default: the latest sigma_core.zip)
                           and install its rules into $VIGIL_DATA_DIR/rules/sigmahq (or --dir),
                           where the server picks them up without a restart (exit 1 if refused)""");
    }
}
