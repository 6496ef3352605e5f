package io.vigil.sigma;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Loads folders of the SigmaHQ repository into rule sets (test support). */
final class SigmaCorpus {
    private SigmaCorpus() {}

    static List<Path> ruleFiles(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RuleSet load(Path repository, List<String> folders, Map<String, List<String>> placeholders) {
        RuleSet.Builder builder = RuleSet.builder().placeholders(placeholders);
        for (String folder : folders) {
            for (Path file : ruleFiles(repository.resolve(folder))) {
                builder.add(repository.relativize(file).toString(), read(file));
            }
        }
        return builder.build();
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
