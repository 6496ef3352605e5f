package io.vigil.server.detection;

import io.vigil.sigma.RuleSet;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads Sigma rule files from folders and files into a rule set. */
public final class RuleFiles {

    private RuleFiles() {}

    /** Every {@code .yml}/{@code .yaml} file under {@code path} (or the file itself), sorted. */
    public static List<Path> find(Path path) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        return name.endsWith(".yml") || name.endsWith(".yaml");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list rule files under " + path, e);
        }
    }

    /** Loads the files into a rule set; unreadable files are reported and skipped. */
    public static RuleSet load(List<Path> files, Map<String, List<String>> placeholders, PrintStream err) {
        return addAll(RuleSet.builder().placeholders(placeholders), files, err).build();
    }

    /** Adds the files to a rule set being built; unreadable files are reported and skipped. */
    public static RuleSet.Builder addAll(RuleSet.Builder builder, List<Path> files, PrintStream err) {
        for (Path file : files) {
            try {
                builder.add(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException | UncheckedIOException e) {
                err.println("vigil rules: cannot read " + file + ": " + e.getMessage());
            }
        }
        return builder;
    }
}
