package io.vigil.server.detection;

import io.vigil.sigma.RuleSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Vigil's own IoA (indicator of attack) rule pack: Sigma rules written by the Vigil team, shipped
 * in the server jar under {@code rules/vigil-ioa/} and listed in that folder's {@code index.txt}.
 * What each rule detects is in docs/detection-rules.md.
 */
public final class VigilIoaPack {

    /** The pack's name, as {@code vigil rules check --pack} takes it. */
    public static final String NAME = "vigil-ioa";

    private static final String FOLDER = "/rules/vigil-ioa/";

    private VigilIoaPack() {}

    /**
     * The pack's rule files, file name to YAML text, in index order.
     *
     * @throws IllegalStateException when the index names a file the class path does not hold
     */
    public static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        for (String line : read("index.txt").lines().toList()) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                files.put(name, read(name));
            }
        }
        return files;
    }

    /** Adds every rule of the pack to a rule set; each file is named {@code vigil-ioa/<file>}. */
    public static RuleSet.Builder addTo(RuleSet.Builder builder) {
        files().forEach((name, text) -> builder.add(NAME + "/" + name, text));
        return builder;
    }

    private static String read(String name) {
        try (InputStream in = VigilIoaPack.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("rule pack file " + FOLDER + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FOLDER + name, e);
        }
    }
}
