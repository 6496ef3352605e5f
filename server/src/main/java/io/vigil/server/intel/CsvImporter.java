package io.vigil.server.intel;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the CSV indicator lists of abuse.ch (URLhaus, ThreatFox, MalwareBazaar, Feodo Tracker) and
 * Infoblox. Lines starting with {@code #} are comments; the column names are taken from the last
 * comment (abuse.ch) or first line (Infoblox) that names the key column, so newer exports with
 * added columns still read; without such a line the documented column order is used.
 */
final class CsvImporter {

    private static final DateTimeFormatter ABUSE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** Column names and the order abuse.ch documents, per kind. */
    private static final Map<FeedKind, List<String>> DEFAULT_COLUMNS = Map.of(
            FeedKind.URLHAUS,
            List.of(
                    "id",
                    "dateadded",
                    "url",
                    "url_status",
                    "last_online",
                    "threat",
                    "tags",
                    "urlhaus_link",
                    "reporter"),
            FeedKind.THREATFOX,
            List.of(
                    "first_seen_utc",
                    "ioc_id",
                    "ioc_value",
                    "ioc_type",
                    "threat_type",
                    "fk_malware",
                    "malware_alias",
                    "malware_printable",
                    "last_seen_utc",
                    "confidence_level",
                    "reference",
                    "tags",
                    "anonymous",
                    "reporter"),
            FeedKind.MALWAREBAZAAR,
            List.of(
                    "first_seen_utc",
                    "sha256_hash",
                    "md5_hash",
                    "sha1_hash",
                    "reporter",
                    "file_name",
                    "file_type_guess",
                    "mime_type",
                    "signature",
                    "clamav",
                    "vtpercent",
                    "imphash",
                    "ssdeep",
                    "tlsh"),
            FeedKind.FEODO,
            List.of("first_seen_utc", "dst_ip", "dst_port", "c2_status", "last_online", "malware"),
            FeedKind.INFOBLOX,
            List.of("type", "indicator", "classification", "detected_date"));

    private static final Map<FeedKind, String> KEY_COLUMN = Map.of(
            FeedKind.URLHAUS, "url",
            FeedKind.THREATFOX, "ioc_value",
            FeedKind.MALWAREBAZAAR, "sha256_hash",
            FeedKind.FEODO, "dst_ip",
            FeedKind.INFOBLOX, "indicator");

    private CsvImporter() {}

    static boolean supports(FeedKind kind) {
        return KEY_COLUMN.containsKey(kind);
    }

    static void read(FeedKind kind, byte[] document, String name, ImportReport report) {
        String key = KEY_COLUMN.get(kind);
        if (key == null) {
            throw new IllegalArgumentException(kind + " is not a CSV format");
        }
        List<String> lines = Csv.lines(new String(document, StandardCharsets.UTF_8));
        Map<String, Integer> columns = index(DEFAULT_COLUMNS.getOrDefault(kind, List.of()));
        boolean dataStarted = false;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            String where = name + " line " + (n + 1);
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            boolean comment = trimmed.startsWith("#");
            if (comment || !dataStarted) {
                Map<String, Integer> header = header(comment ? trimmed.substring(1) : trimmed, key);
                if (header != null) {
                    columns = header;
                    continue;
                }
                if (comment) {
                    continue;
                }
            }
            dataStarted = true;
            report.entry();
            List<String> values;
            try {
                values = Csv.parseLine(line);
            } catch (IllegalArgumentException e) {
                report.problem(where, e.getMessage());
                continue;
            }
            Row row = new Row(columns, values);
            if (row.get(key).isEmpty()) {
                report.problem(where, "no value in column '" + key + "' (" + values.size() + " columns)");
                continue;
            }
            try {
                switch (kind) {
                    case URLHAUS -> urlhaus(row, report);
                    case THREATFOX -> threatfox(row, report);
                    case MALWAREBAZAAR -> malwarebazaar(row, report);
                    case FEODO -> feodo(row, report);
                    case INFOBLOX -> infoblox(row, report);
                    case STIX, TAXII, MISP_FEED, MISP_EVENT -> throw new IllegalStateException("not CSV: " + kind);
                }
            } catch (IllegalArgumentException e) {
                report.problem(where, e.getMessage());
            }
        }
    }

    private static @Nullable Map<String, Integer> header(String line, String key) {
        List<String> names;
        try {
            names = Csv.parseLine(line.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
        List<String> lower = names.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        return lower.contains(key) ? index(lower) : null;
    }

    private static Map<String, Integer> index(List<String> names) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.putIfAbsent(names.get(i), i);
        }
        return m;
    }

    /** One data row, read by column name. */
    private record Row(Map<String, Integer> columns, List<String> values) {
        String get(String column) {
            Integer i = columns.get(column);
            return i == null || i >= values.size() ? "" : values.get(i);
        }

        List<String> tags(String... names) {
            List<String> tags = new ArrayList<>();
            for (String name : names) {
                for (String t : get(name).split(",", -1)) {
                    String s = t.trim();
                    if (!s.isEmpty()
                            && !s.equalsIgnoreCase("None")
                            && !s.equalsIgnoreCase("n/a")
                            && !tags.contains(s)) {
                        tags.add(s);
                    }
                }
            }
            return tags;
        }
    }

    private static void urlhaus(Row row, ImportReport report) {
        Indicator i = Indicator.of(IocType.URL, row.get("url"), row.tags("threat", "tags"), "URLhaus")
                .withFirstSeen(time(row.get("dateadded")));
        report.add(i);
    }

    private static void threatfox(Row row, ImportReport report) {
        String type = row.get("ioc_type");
        String value = row.get("ioc_value");
        List<String> tags = row.tags("threat_type", "malware_printable", "tags");
        String description = "ThreatFox " + row.get("malware_printable");
        Indicator i = switch (type) {
            case "ip:port" -> {
                int colon = value.lastIndexOf(':');
                String ip = colon > 0 ? value.substring(0, colon) : value;
                if (ip.startsWith("[") && ip.endsWith("]")) {
                    ip = ip.substring(1, ip.length() - 1);
                }
                IocValues.Normalised n = IocValues.address(ip);
                yield new Indicator(n.type(), n.value(), null, null, null, tags, null, description);
            }
            case "domain" -> Indicator.of(IocType.DOMAIN, value, tags, description);
            case "url" -> Indicator.of(IocType.URL, value, tags, description);
            case "md5_hash" -> Indicator.of(IocType.MD5, value, tags, description);
            case "sha1_hash" -> Indicator.of(IocType.SHA1, value, tags, description);
            case "sha256_hash" -> Indicator.of(IocType.SHA256, value, tags, description);
            default -> null;
        };
        if (i == null) {
            report.ignore();
            return;
        }
        String confidence = row.get("confidence_level");
        Integer c = null;
        if (!confidence.isEmpty()) {
            try {
                c = Integer.parseInt(confidence);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "confidence_level '" + IocValues.clip(confidence) + "' is not a number");
            }
            if (c < 0 || c > 100) {
                throw new IllegalArgumentException("confidence_level " + c + " is outside 0-100");
            }
        }
        report.add(i.withConfidence(c).withFirstSeen(time(row.get("first_seen_utc"))));
    }

    private static void malwarebazaar(Row row, ImportReport report) {
        List<String> tags = row.tags("signature", "file_type_guess");
        String description = "MalwareBazaar " + row.get("file_name");
        Instant first = time(row.get("first_seen_utc"));
        report.add(Indicator.of(IocType.SHA256, row.get("sha256_hash"), tags, description)
                .withFirstSeen(first));
        for (String col : List.of("md5_hash", "sha1_hash")) {
            String v = row.get(col);
            if (!v.isEmpty()) {
                report.add(Indicator.of(col.startsWith("md5") ? IocType.MD5 : IocType.SHA1, v, tags, description)
                        .withFirstSeen(first));
            }
        }
    }

    private static void feodo(Row row, ImportReport report) {
        List<String> tags = row.tags("malware");
        tags.add("botnet_cc");
        IocValues.Normalised n = IocValues.address(row.get("dst_ip"));
        report.add(new Indicator(
                n.type(),
                n.value(),
                null,
                time(row.get("first_seen_utc")),
                null,
                tags,
                null,
                "Feodo Tracker C2 " + row.get("malware")));
    }

    private static void infoblox(Row row, ImportReport report) {
        String type = row.get("type").toLowerCase(Locale.ROOT);
        String value = IocValues.refang(row.get("indicator"));
        List<String> tags = row.tags("classification");
        Indicator i = switch (type) {
            case "domain" -> Indicator.of(IocType.DOMAIN, value, tags, "Infoblox");
            case "url" -> Indicator.of(IocType.URL, value, tags, "Infoblox");
            case "sha256" -> Indicator.of(IocType.SHA256, value, tags, "Infoblox");
            case "ip" -> Indicator.of(IocType.CIDR, value, tags, "Infoblox");
            default -> null;
        };
        if (i == null) {
            report.ignore();
            return;
        }
        report.add(i.withFirstSeen(time(row.get("detected_date"))));
    }

    /** {@code 2024-05-01 12:00:00} (UTC), ISO-8601 or a date; {@code null} when absent or unreadable. */
    static @Nullable Instant time(String s) {
        if (s.isBlank()) {
            return null;
        }
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (s.length() == 19 && s.charAt(10) == ' ') {
                return LocalDateTime.parse(s, ABUSE_TIME).toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
