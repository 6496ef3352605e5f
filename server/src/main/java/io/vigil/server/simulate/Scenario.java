package io.vigil.server.simulate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One attack scenario: agent event lines (Vigil's agent format) with placeholders, shipped as data
 * in {@code simulator/<name>.ndjson}. Header comments give the title, the story and the ATT&amp;CK
 * techniques its alerts should carry; a line starting with {@code @2} happens on the second host.
 *
 * @param name the file name without extension
 * @param title one line
 * @param story what happens, for the person running it
 * @param techniques ATT&amp;CK technique ids the detections should carry
 * @param lines the event templates
 */
record Scenario(String name, String title, String story, List<String> techniques, List<Line> lines) {

    /** One event template and the host (1 or 2) it happens on. */
    record Line(int host, String template) {}

    Scenario {
        techniques = List.copyOf(techniques);
        lines = List.copyOf(lines);
    }

    /** {@return every scenario shipped with Vigil, in the order of {@code simulator/index.txt}} */
    static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>();
        for (String line : read("index.txt").lines().toList()) {
            String file = line.strip();
            if (!file.isEmpty() && !file.startsWith("#")) {
                all.add(parse(file.substring(0, file.length() - ".ndjson".length()), read(file)));
            }
        }
        return all;
    }

    private static String read(String name) {
        try (InputStream in = Scenario.class.getResourceAsStream("/simulator/" + name)) {
            if (in == null) {
                throw new IllegalStateException("simulator file " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the simulator's " + name, e);
        }
    }

    static Scenario parse(String name, String text) {
        String title = name;
        String story = "";
        List<String> techniques = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                String comment = line.substring(1).strip();
                int colon = comment.indexOf(':');
                String key =
                        colon < 0 ? "" : comment.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = colon < 0 ? "" : comment.substring(colon + 1).strip();
                switch (key) {
                    case "title" -> title = value;
                    case "story" -> story = value;
                    case "techniques" -> {
                        for (String t : value.split(",", -1)) {
                            if (!t.isBlank()) {
                                techniques.add(t.strip().toUpperCase(Locale.ROOT));
                            }
                        }
                    }
                    default -> {
                        // other comments are notes
                    }
                }
            } else if (line.startsWith("@2 ")) {
                lines.add(new Line(2, line.substring(3).strip()));
            } else {
                lines.add(new Line(1, line));
            }
        }
        return new Scenario(name, title, story, techniques, lines);
    }
}
