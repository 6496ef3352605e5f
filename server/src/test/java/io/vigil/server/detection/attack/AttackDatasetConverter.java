package io.vigil.server.detection.attack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Derives the compact catalog ({@code enterprise-attack.tsv}) from the ATT&amp;CK data set folder
 * ({@code ../shared/datasets/attack}: the current version's tactic, technique and revoked CSVs, the
 * previous version's tactic CSV for former tactic names, and the licence's copyright line).
 *
 * <p>Regenerate the shipped file after a data set update (from the repository root, after {@code
 * ./mvnw -o -pl server -am test-compile}): {@code java -cp server/target/test-classes
 * io.vigil.server.detection.attack.AttackDatasetConverter ../shared/datasets/attack
 * server/src/main/resources/io/vigil/server/detection/attack/enterprise-attack.tsv}.
 */
final class AttackDatasetConverter {

    private static final Pattern CHANGES = Pattern.compile("enterprise_changes_v([\\d.]+)_to_v([\\d.]+)\\.csv");

    private AttackDatasetConverter() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: AttackDatasetConverter <attack data set folder> <output .tsv>");
            System.exit(2);
        }
        Files.writeString(Path.of(args[1]), convert(Path.of(args[0])), StandardCharsets.UTF_8);
    }

    /** The compact catalog text for the data set folder. */
    static String convert(Path dataset) throws IOException {
        Matcher versions = versions(dataset);
        String previous = versions.group(1);
        String current = versions.group(2);
        String major = current.contains(".") ? current.substring(0, current.indexOf('.')) : current;
        StringBuilder out = new StringBuilder();
        out.append("# MITRE ATT&CK Enterprise v").append(current).append(", derived from the ATT&CK data set by\n");
        out.append("# AttackDatasetConverter (server test sources): enterprise_tactics_v")
                .append(major)
                .append(".csv, enterprise_techniques_v")
                .append(major)
                .append(".csv,\n# enterprise_revoked_v")
                .append(major)
                .append(".csv and, for former tactic names, enterprise_tactics_v")
                .append(previous)
                .append(".csv.\n#\n");
        for (String line : licence(dataset.resolve("LICENSE-ATTACK-v" + major + ".txt"))) {
            out.append("# ").append(line).append('\n');
        }
        out.append("#\n");
        out.append("version\t").append(current).append('\n');
        Set<String> currentShortNames = new LinkedHashSet<>();
        Set<String> currentIds = new LinkedHashSet<>();
        for (Row t : csv(dataset.resolve("enterprise_tactics_v" + major + ".csv"))) {
            currentShortNames.add(t.get("shortname"));
            currentIds.add(t.get("tactic_id"));
            out.append(String.join("\t", "tactic", t.get("tactic_id"), t.get("shortname"), t.get("name")))
                    .append('\n');
        }
        for (Row t : csv(dataset.resolve("enterprise_tactics_v" + previous + ".csv"))) {
            if (!currentShortNames.contains(t.get("shortname")) && currentIds.contains(t.get("tactic_id"))) {
                out.append(String.join("\t", "former-tactic", t.get("tactic_id"), t.get("shortname"), t.get("name")))
                        .append('\n');
            }
        }
        for (Row t : csv(dataset.resolve("enterprise_techniques_v" + major + ".csv"))) {
            out.append(String.join(
                            "\t",
                            "technique",
                            t.get("technique_id"),
                            t.get("name"),
                            t.get("tactic_shortnames"),
                            Boolean.parseBoolean(t.get("deprecated")) ? "deprecated" : "active"))
                    .append('\n');
        }
        for (Row t : csv(dataset.resolve("enterprise_revoked_v" + major + ".csv"))) {
            out.append(String.join("\t", "revoked", t.get("technique_id"), t.get("name"), t.get("replaced_by_id")))
                    .append('\n');
        }
        return out.toString();
    }

    private static Matcher versions(Path dataset) throws IOException {
        try (Stream<Path> files = Files.list(dataset)) {
            for (Path p : files.sorted().toList()) {
                Matcher m = CHANGES.matcher(p.getFileName().toString());
                if (m.matches()) {
                    return m;
                }
            }
        }
        throw new IOException("no enterprise_changes_vX_to_vY.csv in " + dataset + " (it names the versions)");
    }

    /** The licence's first section (grant and copyright designation), up to the disclaimers. */
    private static List<String> licence(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("Disclaimers")) {
                break;
            }
            if (!line.isBlank() && !line.matches("[=-]+")) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    /** One CSV row by column name. */
    record Row(Map<String, String> values) {
        /** The value of a column the header names. */
        String get(String column) {
            String value = values.get(column);
            if (value == null) {
                throw new IllegalArgumentException("no column " + column + " in " + values.keySet());
            }
            return value;
        }
    }

    /** A CSV file with a header line; the data set's files have no quoted values (checked). */
    static List<Row> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String[] header = lines.get(0).strip().split(",", -1);
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] values = line.split(",", -1);
            if (values.length != header.length || line.contains("\"")) {
                throw new IOException(file + ":" + (i + 1) + ": expected " + header.length
                        + " unquoted values, the converter needs updating: " + line);
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], values[c]);
            }
            rows.add(new Row(row));
        }
        return rows;
    }
}
