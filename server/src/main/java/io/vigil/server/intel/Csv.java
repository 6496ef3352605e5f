package io.vigil.server.intel;

import java.util.ArrayList;
import java.util.List;

/**
 * The CSV dialect of indicator lists: comma-separated, values optionally in double quotes (a quote
 * inside doubled), blanks around a quoted value ignored ({@code "a", "b"} as ThreatFox writes it),
 * one record per line (a quoted value may not span lines).
 */
final class Csv {

    /** The longest line read; a longer one is reported and skipped. */
    static final int MAX_LINE = 65_536;

    private Csv() {}

    /** The values of one line; throws {@link IllegalArgumentException} naming the character position. */
    static List<String> parseLine(String line) {
        if (line.length() > MAX_LINE) {
            throw new IllegalArgumentException("line longer than " + MAX_LINE + " characters");
        }
        List<String> values = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            StringBuilder v = new StringBuilder();
            if (i < n && line.charAt(i) == '"') {
                int open = i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException(
                                "quote opened at character " + (open + 1) + " is not closed");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            v.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        v.append(c);
                    }
                }
                while (i < n && line.charAt(i) == ' ') {
                    i++;
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new IllegalArgumentException(
                            "unexpected '" + line.charAt(i) + "' after a quoted value at character " + (i + 1));
                }
            } else {
                while (i < n && line.charAt(i) != ',') {
                    v.append(line.charAt(i++));
                }
            }
            values.add(v.toString().trim());
            if (i >= n) {
                return values;
            }
            i++; // the comma
        }
    }

    /** The lines of a text, without line terminators ({@code \n} or {@code \r\n}). */
    static List<String> lines(String text) {
        return text.lines().toList();
    }
}
