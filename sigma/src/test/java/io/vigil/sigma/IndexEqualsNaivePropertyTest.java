package io.vigil.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.sigma.internal.CompiledRule;
import io.vigil.sigma.internal.SelectionMatcher;
import io.vigil.sigma.internal.StringTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The indexed rule set reports exactly the rules the naive evaluator (every rule, every event)
 * finds, over all SigmaHQ rules and events generated from the rules' own literals.
 */
class IndexEqualsNaivePropertyTest {
    private static final List<String[]> ROUTES = List.of(
            new String[] {"Microsoft-Windows-Sysmon/Operational", "1"},
            new String[] {"Microsoft-Windows-Sysmon/Operational", "3"},
            new String[] {"Microsoft-Windows-Sysmon/Operational", "7"},
            new String[] {"Microsoft-Windows-Sysmon/Operational", "11"},
            new String[] {"Microsoft-Windows-Sysmon/Operational", "13"},
            new String[] {"Security", "4688"},
            new String[] {"Microsoft-Windows-PowerShell/Operational", "4104"},
            new String[] {"Security", "4624"});

    /** What generated events declare: nothing, Windows, or log sources the mapping does not cover. */
    private static final List<LogSource> DECLARED = List.of(
            LogSource.NONE,
            new LogSource("windows", null, null),
            new LogSource("windows", "process_creation", null),
            new LogSource("linux", "process_creation", "auditd"),
            new LogSource("zeek", null, "rdp"),
            new LogSource(null, "proxy", null),
            new LogSource("aws", null, "cloudtrail"));

    private static final class Corpus {
        static final RuleSet RULES = load();
        static final List<String[]> LITERALS = literals(RULES);

        private static RuleSet load() {
            Optional<Path> repo = SharedData.sigmaRepositoryIfPresent();
            if (repo.isPresent()) {
                return SigmaCorpus.load(
                        repo.get(),
                        List.of("rules", "rules-emerging-threats", "rules-threat-hunting"),
                        Map.of("known_cdcs", List.of("dc01")));
            }
            // fallback when the shared data is absent: a small built-in corpus
            return RuleSet.builder()
                    .add("a.yml", Rules.rule("a", "sel:\n    Image|endswith: '\\\\cmd.exe'\ncondition: sel"))
                    .add("b.yml", Rules.rule("b", "sel:\n    CommandLine|contains: whoami\ncondition: not sel"))
                    .add("c.yml", Rules.rule("c", "sel:\n    User: admin\ncondition: sel"))
                    .build();
        }
    }

    private static List<String[]> literals(RuleSet rules) {
        List<String[]> out = new ArrayList<>();
        for (CompiledRule rule : rules.compiled()) {
            for (SelectionMatcher m : rule.detection().selections()) {
                collect(m, out);
            }
        }
        return out;
    }

    private static void collect(SelectionMatcher m, List<String[]> out) {
        switch (m) {
            case SelectionMatcher.AllOf all -> all.parts().forEach(p -> collect(p, out));
            case SelectionMatcher.AnyOf any -> any.parts().forEach(p -> collect(p, out));
            case SelectionMatcher.Field f ->
                f.tests().stream()
                        .filter(t -> t instanceof StringTest)
                        .map(t -> (StringTest) t)
                        .filter(t -> t.kind() != StringTest.Kind.GLOB)
                        .forEach(t -> out.add(new String[] {f.field(), t.key()}));
            case SelectionMatcher.Exists e -> out.add(new String[] {e.field(), "x"});
            case SelectionMatcher.Keywords k -> {}
        }
    }

    @Provide
    Arbitrary<MapEvent> events() {
        List<String[]> literals = Corpus.LITERALS;
        Arbitrary<String[]> literal = Arbitraries.of(literals);
        Arbitrary<String> noise =
                Arbitraries.strings().withChars("abcXYZ\\ .-/:").ofMaxLength(6);
        Arbitrary<String[]> fieldValue = Combinators.combine(
                        literal, noise, noise, Arbitraries.integers().between(0, 3))
                .as((lit, pre, post, shape) -> new String[] {
                    lit[0],
                    switch (shape) {
                        case 0 -> lit[1];
                        case 1 -> pre + lit[1];
                        case 2 -> lit[1] + post;
                        default -> pre + lit[1].toUpperCase(java.util.Locale.ROOT) + post;
                    }
                });
        return Combinators.combine(
                        Arbitraries.of(ROUTES),
                        Arbitraries.of(DECLARED),
                        fieldValue.list().ofMinSize(1).ofMaxSize(8))
                .as((route, declared, fields) -> {
                    Map<String, Object> event = new LinkedHashMap<>();
                    event.put("Channel", route[0]);
                    event.put("EventID", Long.parseLong(route[1]));
                    for (String[] fv : fields) {
                        event.put(fv[0], fv[1]);
                    }
                    return MapEvent.of(event, declared);
                });
    }

    @Property(tries = 400)
    void indexedMatchesShouldEqualNaiveMatches(@ForAll("events") MapEvent e) {
        List<String> naive = NaiveEvaluator.matchingIds(Corpus.RULES, e);
        Statistics.label("naive").collect(naive.isEmpty() ? "no match" : "match");
        assertThat(NaiveEvaluator.indexedIds(Corpus.RULES, e))
                .as("indexed vs naive for %s", e)
                .isEqualTo(naive);
        Statistics.label("naive").coverage(c -> c.check("match").percentage(p -> p >= 5.0));
    }
}
