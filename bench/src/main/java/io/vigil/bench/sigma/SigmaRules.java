package io.vigil.bench.sigma;

import io.vigil.sigma.RuleSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Loads every rule file under a folder into one rule set, as {@code vigil rules check} does. */
public final class SigmaRules {
    private SigmaRules() {}

    /**
     * Loads the {@code *.yml} files under {@code folder}, sorted by path.
     *
     * @param folder e.g. {@code ../shared/datasets/sigma/rules}
     * @return the rule set (refusals included)
     * @throws UncheckedIOException when the folder cannot be read
     */
    public static RuleSet load(Path folder) {
        RuleSet.Builder builder = RuleSet.builder();
        for (Path file : files(folder)) {
            try {
                builder.add(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return builder.build();
    }

    private static List<Path> files(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".yml"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list rules under " + folder, e);
        }
    }
}
