package io.vigil.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Filter rules, log source routing with field renames, and match explanations. */
class FilterAndLogSourceTest {
    private static final String PROC_RULE = """
            title: Cmd spawned
            id: proc-1
            name: cmd_spawned
            logsource:
                product: windows
                category: process_creation
            detection:
                selection:
                    Image|endswith: '\\cmd.exe'
                    CommandLine|contains: 'whoami'
                condition: selection
            """;

    private static Map<String, Object> sysmon(String image, String commandLine, String user) {
        return Map.of(
                "Channel", "Microsoft-Windows-Sysmon/Operational",
                "EventID", 1,
                "Image", image,
                "CommandLine", commandLine,
                "User", user);
    }

    @Test
    void shouldNeverMatchADisabledRuleButStillResolveFiltersAndCorrelationsNamingIt() {
        String filter = """
                title: Admins may run whoami
                id: filter-2
                filter:
                    rules:
                        - cmd_spawned
                    selection:
                        User|startswith: 'adm_'
                    condition: selection
                """;
        String correlation = """
                title: Many whoami
                id: corr-1
                correlation:
                    type: event_count
                    rules:
                        - proc-1
                    group-by:
                        - User
                    timespan: 5m
                    condition:
                        gte: 2
                """;
        Map<String, Object> user = sysmon("C:\\Windows\\cmd.exe", "cmd /c whoami", "bob");
        RuleSet enabled = RuleSet.builder()
                .add("r.yml", PROC_RULE)
                .add("f.yml", filter)
                .add("c.yml", correlation)
                .build();
        assertThat(enabled.refusals()).isEmpty();
        assertThat(enabled.match(MapEvent.of(user))).hasSize(1);
        assertThat(enabled.correlations()).hasSize(1);

        RuleSet disabled = RuleSet.builder()
                .disable(List.of("proc-1", "corr-1"))
                .add("r.yml", PROC_RULE)
                .add("f.yml", filter)
                .add("c.yml", correlation)
                .build();
        assertThat(disabled.refusals()).isEmpty();
        assertThat(disabled.match(MapEvent.of(user))).isEmpty();
        assertThat(disabled.correlations()).isEmpty();
        assertThat(disabled.rules()).extracting(RuleMetadata::id).contains("proc-1", "filter-2", "corr-1");

        RuleSet byFile = RuleSet.builder()
                .disable(m -> m.file().equals("r.yml"))
                .add("r.yml", PROC_RULE)
                .add("f.yml", filter)
                .build();
        assertThat(byFile.refusals()).isEmpty();
        assertThat(byFile.match(MapEvent.of(user))).isEmpty();
    }

    @Test
    void shouldApplyFilterRulesAsAndNotToTheRulesTheyName() {
        String filter = """
                title: Admins may run whoami
                id: filter-1
                logsource:
                    product: windows
                    category: process_creation
                filter:
                    rules:
                        - cmd_spawned
                    selection:
                        User|startswith: 'adm_'
                    condition: selection
                """;
        RuleSet tenantA = RuleSet.builder().add("r.yml", PROC_RULE).build();
        RuleSet tenantB =
                RuleSet.builder().add("r.yml", PROC_RULE).add("f.yml", filter).build();

        Map<String, Object> admin = sysmon("C:\\Windows\\cmd.exe", "cmd /c whoami", "adm_bob");
        Map<String, Object> user = sysmon("C:\\Windows\\cmd.exe", "cmd /c whoami", "bob");
        assertThat(tenantA.match(MapEvent.of(admin))).hasSize(1);
        assertThat(tenantB.match(MapEvent.of(admin))).isEmpty();
        assertThat(tenantB.match(MapEvent.of(user))).hasSize(1);
        assertThat(tenantB.rules()).extracting(RuleMetadata::kind).contains(RuleKind.FILTER);
    }

    @Test
    void shouldRefuseFilterNamingAnUnknownRule() {
        String filter = """
                title: Orphan filter
                id: filter-2
                logsource:
                    product: windows
                filter:
                    rules:
                        - does-not-exist
                    selection:
                        User: x
                    condition: selection
                """;
        RuleSet set = RuleSet.builder().add("f.yml", filter).build();
        assertThat(set.refusals())
                .singleElement()
                .satisfies(r -> assertThat(r.problems().get(0).message()).contains("unknown referenced rule"));
    }

    @Test
    void shouldRouteProcessCreationToSysmonAndSecurity4688WithFieldRenames() {
        RuleSet set = RuleSet.builder().add("r.yml", PROC_RULE).build();

        Map<String, Object> security = Map.of(
                "Channel", "Security",
                "EventID", 4688,
                "NewProcessName", "C:\\Windows\\System32\\cmd.exe",
                "CommandLine", "cmd /c whoami");
        Map<String, Object> wrongEventId = Map.of(
                "Channel", "Microsoft-Windows-Sysmon/Operational",
                "EventID", 3,
                "Image", "C:\\Windows\\cmd.exe",
                "CommandLine", "whoami");
        assertThat(set.match(MapEvent.of(sysmon("C:\\Windows\\cmd.exe", "whoami /all", "u"))))
                .hasSize(1);
        assertThat(set.match(MapEvent.of(security))).hasSize(1);
        assertThat(set.match(MapEvent.of(wrongEventId))).isEmpty();
    }

    @Test
    void shouldLetTenantsAddLogSourceMappings() {
        List<RuleProblem> problems = new ArrayList<>();
        LogSourceMapping ecs = LogSourceMapping.parse("ecs.yml", """
                mappings:
                  - product: windows
                    category: process_creation
                    variants:
                      - conditions:
                          event.category: [process]
                        fields:
                          Image: process.executable
                          CommandLine: process.command_line
                """, problems);
        RuleSet set = RuleSet.builder()
                .logSources(LogSourceMapping.builtIn().plus(ecs))
                .add("r.yml", PROC_RULE)
                .build();

        assertThat(problems).isEmpty();
        Map<String, Object> event = Map.of(
                "event", Map.of("category", "process"),
                "process", Map.of("executable", "C:\\Windows\\cmd.exe", "command_line", "whoami"));
        assertThat(set.match(MapEvent.of(event))).hasSize(1);
    }

    @Test
    void shouldExplainWhichSelectionAndValueMatched() {
        RuleSet set = RuleSet.builder().add("r.yml", PROC_RULE).build();

        Match match = set.match(MapEvent.of(sysmon("C:\\Windows\\cmd.exe", "cmd /c WHOAMI", "u")))
                .get(0);

        assertThat(match.rule().id()).isEqualTo("proc-1");
        assertThat(match.evidence())
                .containsExactly(
                        new Evidence("selection", "Image", "endswith '\\cmd.exe'", "C:\\Windows\\cmd.exe"),
                        new Evidence("selection", "CommandLine", "contains 'whoami'", "cmd /c WHOAMI"));
    }

    @Test
    void shouldShipABuiltInMappingDerivedFromThor() {
        LogSourceMapping m = LogSourceMapping.builtIn();
        assertThat(m.variantsFor(new LogSource("windows", "registry_set", null)))
                .singleElement()
                .satisfies(v -> assertThat(v.conditions()).containsEntry("EventID", List.of("13")));
        assertThat(m.variantsFor(new LogSource("windows", null, "security")))
                .singleElement()
                .satisfies(v -> assertThat(v.conditions()).containsEntry("Channel", List.of("Security")));
        assertThat(m.variantsFor(new LogSource("linux", "process_creation", null)))
                .isEmpty();
    }
}
