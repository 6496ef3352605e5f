package io.vigil.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Loading: metadata, multi-document files, problems collected with file and line. */
class RuleLoadingTest {

    @Test
    void shouldKeepRuleMetadata() {
        String text = """
                title: Suspicious Thing
                id: 11111111-2222-3333-4444-555555555555
                name: suspicious_thing
                status: experimental
                level: critical
                description: Finds a thing
                author: Someone
                references:
                    - https://example.org
                tags:
                    - attack.execution
                    - attack.t1059.001
                    - attack.t9999
                falsepositives:
                    - Admins
                fields:
                    - CommandLine
                logsource:
                    product: windows
                    category: process_creation
                detection:
                    sel:
                        Image|endswith: '\\thing.exe'
                    condition: sel
                """;
        RuleMetadata m =
                RuleSet.builder().add("thing.yml", text).build().rules().get(0);

        assertThat(m.id()).isEqualTo("11111111-2222-3333-4444-555555555555");
        assertThat(m.name()).isEqualTo("suspicious_thing");
        assertThat(m.kind()).isEqualTo(RuleKind.DETECTION);
        assertThat(m.title()).isEqualTo("Suspicious Thing");
        assertThat(m.status()).isEqualTo("experimental");
        assertThat(m.level()).isEqualTo("critical");
        assertThat(m.author()).isEqualTo("Someone");
        assertThat(m.references()).containsExactly("https://example.org");
        assertThat(m.tags()).containsExactly("attack.execution", "attack.t1059.001", "attack.t9999");
        assertThat(m.attackTechniques()).containsExactly("T1059.001", "T9999");
        assertThat(m.attackTactics()).containsExactly("execution");
        assertThat(m.falsePositives()).containsExactly("Admins");
        assertThat(m.fields()).containsExactly("CommandLine");
        assertThat(m.logSource()).isEqualTo(new LogSource("windows", "process_creation", null));
        assertThat(m.file()).isEqualTo("thing.yml");
    }

    @Test
    void shouldLoadEveryDocumentOfAMultiDocumentFile() {
        String text = Rules.rule("a", "sel:\n    A: 1\ncondition: sel") + "---\n"
                + Rules.rule("b", "sel:\n    B: 1\ncondition: sel");
        RuleSet set = RuleSet.builder().add("two.yml", text).build();

        assertThat(set.rules()).extracting(RuleMetadata::id).containsExactly("a", "b");
    }

    @Test
    void shouldCollectEveryProblemOfARuleWithFileAndLine() {
        String text = """
                title: Broken
                id: broken
                level: severe
                logsource:
                    product: windows
                detection:
                    sel:
                        Image|endswiths: 'x'
                    sel2:
                        CommandLine|re: '(unclosed'
                    condition: sel and missing
                """;
        RuleSet set = RuleSet.builder().add("broken.yml", text).build();

        assertThat(set.rules()).isEmpty();
        List<RuleProblem> problems = set.refusals().get(0).problems();
        assertThat(problems).extracting(RuleProblem::file).containsOnly("broken.yml");
        assertThat(problems)
                .extracting(p -> p.line() + ": " + p.message())
                .anyMatch(s -> s.startsWith("3: unknown level 'severe'"))
                .anyMatch(s -> s.startsWith("8: unknown modifier 'endswiths'"))
                .anyMatch(s -> s.startsWith("10: invalid regular expression"));
    }

    @Test
    void shouldReportBadConditionsWithAnActionableMessage() {
        RuleSet set = Rules.of("sel:\n    A: 1\ncondition: sel and (sel or\n");
        assertThat(set.refusals())
                .singleElement()
                .satisfies(r -> assertThat(r.problems())
                        .extracting(RuleProblem::message)
                        .anyMatch(m -> m.contains("condition")));
    }

    @Test
    void shouldLoadOtherRulesWhenOneIsRefused() {
        String text = Rules.rule("good", "sel:\n    A: 1\ncondition: sel") + "---\n"
                + Rules.rule("bad", "sel:\n    A|nope: 1\ncondition: sel") + "---\n"
                + Rules.rule("good2", "sel:\n    A: 2\ncondition: sel");
        RuleSet set = RuleSet.builder().add("mixed.yml", text).build();

        assertThat(set.rules()).extracting(RuleMetadata::id).containsExactly("good", "good2");
        int badLine = (int) text.substring(0, text.indexOf("title: Test rule bad"))
                        .lines()
                        .count()
                + 1;
        assertThat(set.refusals())
                .singleElement()
                .satisfies(r -> assertThat(r.line()).isEqualTo(badLine));
    }

    @Test
    void shouldRefuseHostilelyDeepNestingInsteadOfOverflowingTheStack() {
        String deep = "title: deep\ndetection:\n  sel: " + "[".repeat(200_000) + "]".repeat(200_000) + "\n";
        RuleSet set = RuleSet.builder()
                .add("deep.yml", deep)
                .add("also.yml", "title: x\n")
                .build();
        assertThat(set.refusals()).anySatisfy(r -> {
            assertThat(r.file()).isEqualTo("deep.yml");
            assertThat(r.problems().get(0).message()).contains("nesting too deep");
        });
    }

    @Test
    void shouldReportYamlSyntaxErrorsWithTheirLine() {
        RuleSet set = RuleSet.builder()
                .add("syntax.yml", "title: x\ndetection:\n  sel: [unclosed\n")
                .build();
        assertThat(set.refusals())
                .singleElement()
                .satisfies(r -> assertThat(r.problems().get(0).message()).startsWith("YAML syntax error"));
    }

    @Test
    void shouldRefuseLegacyAggregationNamingTheFeature() {
        RuleSet set = Rules.of("sel:\n    A: 1\ntimeframe: 5m\ncondition: sel | count() by B > 5\n");
        assertThat(set.refusals())
                .singleElement()
                .satisfies(r -> assertThat(r.problems())
                        .extracting(RuleProblem::message)
                        .anyMatch(m -> m.contains("legacy aggregation"))
                        .anyMatch(m -> m.contains("'timeframe'")));
    }

    @Test
    void shouldRefuseSigma1DatesNamingTheFormat() {
        String text = Rules.rule("old", "sel:\n    A: 1\ncondition: sel")
                .replace("status: test", "date: 2020/10/17\nmodified: 2021-02-30");
        RuleSet set = RuleSet.builder().add("old.yml", text).build();

        assertThat(set.rules()).isEmpty();
        assertThat(set.refusals())
                .singleElement()
                .satisfies(r -> assertThat(r.problems())
                        .extracting(p -> p.line() + ": " + p.message())
                        .anyMatch(m -> m.startsWith("3: 'date: 2020/10/17' uses the Sigma 1 date format YYYY/MM/DD")
                                && m.contains("write 2020-10-17"))
                        .anyMatch(m -> m.startsWith("4: 'modified: 2021-02-30' is not an ISO 8601 date")));
    }

    @Test
    void shouldAcceptIsoDates() {
        String text = Rules.rule("new", "sel:\n    A: 1\ncondition: sel").replace("status: test", "date: 2024-02-29");

        assertThat(RuleSet.builder().add("new.yml", text).build().refusals()).isEmpty();
    }

    @Test
    void shouldLoadCorrelationRulesAndResolveReferencesByIdOrName() {
        String text = Rules.rule("base-id", "sel:\n    A: 1\ncondition: sel").replace("title:", "name: base\ntitle:")
                + "---\n"
                + """
                title: Many
                id: corr1
                name: many
                correlation:
                    type: event_count
                    rules:
                        - base
                    group-by:
                        - User
                    timespan: 5m
                    condition:
                        gte: 10
                ---
                title: Chained
                id: corr2
                correlation:
                    type: temporal
                    rules:
                        - many
                        - base-id
                    timespan: 1h
                """;
        RuleSet set = RuleSet.builder().add("corr.yml", text).build();

        assertThat(set.refusals()).isEmpty();
        assertThat(set.rules())
                .extracting(RuleMetadata::kind)
                .containsExactly(RuleKind.DETECTION, RuleKind.CORRELATION, RuleKind.CORRELATION);
    }

    @Test
    void shouldRefuseCorrelationWithUnknownRuleOrBadTimespan() {
        String text = """
                title: Bad
                id: corr
                correlation:
                    type: value_count
                    rules:
                        - nowhere
                    timespan: soon
                    condition:
                        gte: 3
                """;
        RuleSet set = RuleSet.builder().add("bad.yml", text).build();

        assertThat(set.refusals())
                .flatMap(Refusal::problems)
                .extracting(RuleProblem::message)
                .anyMatch(m -> m.contains("timespan"))
                .anyMatch(m -> m.contains("'field'"));
    }

    @Test
    void shouldRefuseCorrelationReferencingAnUnknownRule() {
        String text = """
                title: Bad
                id: corr
                correlation:
                    type: event_count
                    rules:
                        - nowhere
                    timespan: 1m
                    condition:
                        gte: 3
                """;
        RuleSet set = RuleSet.builder().add("bad.yml", text).build();

        assertThat(set.refusals())
                .flatMap(Refusal::problems)
                .extracting(RuleProblem::message)
                .anyMatch(m -> m.contains("unknown referenced rule"));
    }
}
