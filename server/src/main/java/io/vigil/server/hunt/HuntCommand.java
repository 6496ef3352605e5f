package io.vigil.server.hunt;

import io.vigil.server.detection.RuleFiles;
import io.vigil.sigma.RuleSet;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code vigil hunt <files or folders> --rules <rule folders>}: an offline hunt in the spirit of
 * the well-known EVTX hunting tools. Streams every input (EVTX, evtx_dump JSON, event XML, JSON
 * lines, ECS, auditd, agent batches; also inside {@code .zip} archives) through Vigil's parsers and
 * Sigma engine and prints each detection as it is found; memory does not grow with the input.
 */
public final class HuntCommand {

    private HuntCommand() {}

    /** Runs the command; returns the exit code (2 for usage errors). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<Path> inputs = new ArrayList<>();
        List<Path> rulePaths = new ArrayList<>();
        Map<String, List<String>> placeholders = new LinkedHashMap<>();
        String format = "table";
        String minLevel = "informational";
        Boolean progress = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            boolean hasValue = i + 1 < args.length;
            switch (a) {
                case "help", "--help", "-h" -> {
                    usage(out);
                    return 0;
                }
                case "--rules", "-r" -> {
                    if (!hasValue) {
                        return usageError(err, "--rules needs a folder or file");
                    }
                    rulePaths.add(Path.of(args[++i]));
                }
                case "--format", "-f" -> {
                    if (!hasValue || !List.of("table", "csv", "json").contains(args[i + 1])) {
                        return usageError(err, "--format is table, csv or json");
                    }
                    format = args[++i];
                }
                case "--min-level" -> {
                    if (!hasValue || Level.rank(args[i + 1]) < 0) {
                        return usageError(err, "--min-level is one of " + Level.ORDER);
                    }
                    minLevel = args[++i];
                }
                case "--placeholder" -> {
                    String[] kv = hasValue ? args[++i].split("=", 2) : new String[0];
                    if (kv.length != 2 || kv[0].isBlank()) {
                        return usageError(err, "--placeholder takes NAME=VALUE[,VALUE…]");
                    }
                    placeholders.put(kv[0], List.of(kv[1].split(",")));
                }
                case "--progress" -> progress = true;
                case "--no-progress" -> progress = false;
                default -> {
                    if (a.startsWith("-")) {
                        return usageError(err, "unknown option " + a);
                    }
                    inputs.add(Path.of(a));
                }
            }
        }
        if (inputs.isEmpty() || rulePaths.isEmpty()) {
            return usageError(err, "name the files or folders to hunt in and at least one --rules folder");
        }
        for (Path p : concat(inputs, rulePaths)) {
            if (!Files.exists(p)) {
                return usageError(err, p + " does not exist");
            }
        }
        List<Path> ruleFiles = new ArrayList<>();
        rulePaths.forEach(p -> ruleFiles.addAll(RuleFiles.find(p)));
        RuleSet rules = RuleFiles.load(ruleFiles, placeholders, err);
        err.printf(
                "vigil hunt: %d rules loaded, %d refused (see: vigil rules check)%n",
                rules.rules().size(), rules.refusals().size());
        boolean showProgress = progress != null ? progress : interactive();
        Hunt hunt = new Hunt(rules, HuntOutput.of(format, out), Level.rank(minLevel), new Progress(err, showProgress));
        hunt.run(inputs);
        hunt.summary(err);
        return 0;
    }

    /**
     * Whether the console is a terminal. Since JDK 22 {@code System.console()} exists even when
     * output is redirected and {@code Console.isTerminal()} tells; Vigil targets Java 21, so that
     * method is looked up at run time (hence the null check Error Prone warns about is deliberate).
     */
    @SuppressWarnings("SystemConsoleNull")
    private static boolean interactive() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return true; // Java 21: a console exists only for a terminal
        }
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static int usageError(PrintStream err, String message) {
        err.println("vigil hunt: " + message);
        usage(err);
        return 2;
    }

    private static void usage(PrintStream out) {
        out.println("""
                Usage: vigil hunt <file or folder>... --rules <rule folder or file> [--rules …]
                                  [--format table|csv|json] [--min-level low|medium|high|critical]
                                  [--placeholder NAME=V1,V2] [--progress|--no-progress]

                Reads EVTX, evtx_dump JSON, Windows event XML, JSON lines (NXLog, Winlogbeat), ECS,
                auditd logs and Vigil agent batches, also inside .zip archives; the format of each
                file is recognised from its content. Detections go to standard output as they are
                found; progress and the summary go to standard error.""");
    }
}
