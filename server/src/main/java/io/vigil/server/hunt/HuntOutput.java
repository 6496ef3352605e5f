package io.vigil.server.hunt;

import java.io.PrintStream;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** How {@code vigil hunt} writes detections: an aligned table, CSV or JSON lines. */
sealed interface HuntOutput permits HuntOutput.Table, HuntOutput.Csv, HuntOutput.JsonLines {

    void start();

    void write(Detection d);

    static HuntOutput of(String format, PrintStream out) {
        return switch (format) {
            case "table" -> new Table(out);
            case "csv" -> new Csv(out);
            case "json" -> new JsonLines(out);
            default -> throw new IllegalArgumentException("--format is table, csv or json, not '" + format + "'");
        };
    }

    /** Fixed-width columns, evidence last; written as found (no buffering of the whole run). */
    record Table(PrintStream out) implements HuntOutput {
        private static final String ROW = "%-20s  %-18s  %-8s  %-48s  %-22s  %s%n";

        @Override
        public void start() {
            out.printf(ROW, "TIME (UTC)", "HOST", "LEVEL", "RULE", "ATT&CK", "WHY");
        }

        @Override
        public void write(Detection d) {
            out.printf(
                    ROW,
                    DateTimeFormatter.ISO_INSTANT.format(d.time().truncatedTo(ChronoUnit.SECONDS)),
                    clip(d.host(), 18),
                    d.level(),
                    clip(d.title(), 48),
                    clip(String.join(",", d.attack()), 22),
                    d.evidence());
        }

        private static String clip(String s, int width) {
            return s.length() <= width ? s : s.substring(0, width - 1) + "…";
        }
    }

    /** RFC 4180 CSV with a header line. */
    record Csv(PrintStream out) implements HuntOutput {
        @Override
        public void start() {
            out.print("time,host,level,rule,rule_id,attack,evidence,source,event_id\r\n");
        }

        @Override
        public void write(Detection d) {
            out.print(String.join(
                            ",",
                            field(d.time().toString()),
                            field(d.host()),
                            field(d.level()),
                            field(d.title()),
                            field(d.ruleId()),
                            field(String.join(" ", d.attack())),
                            field(d.evidence()),
                            field(d.source()),
                            field(d.eventId()))
                    + "\r\n");
        }

        static String field(String s) {
            boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
            return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
        }
    }

    /** One JSON object per line. */
    record JsonLines(PrintStream out, JsonMapper json) implements HuntOutput {
        JsonLines(PrintStream out) {
            this(out, JsonMapper.builder().build());
        }

        @Override
        public void start() {}

        @Override
        public void write(Detection d) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("time", d.time().toString());
            o.put("host", d.host());
            o.put("level", d.level());
            o.put("rule", d.title());
            o.put("rule_id", d.ruleId());
            o.put("attack", d.attack());
            o.put("evidence", d.evidence());
            o.put("source", d.source());
            o.put("event_id", d.eventId());
            out.println(json.writeValueAsString(o));
        }
    }
}
