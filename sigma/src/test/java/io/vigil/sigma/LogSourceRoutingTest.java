package io.vigil.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routing by the log source an event declares, in the index and in the naive evaluator alike. */
class LogSourceRoutingTest {
    private static final String ZEEK_RDP = """
            title: RDP from outside
            id: zeek-rdp
            logsource:
                product: zeek
                service: rdp
            detection:
                keywords:
                    - 'mstshash'
                condition: keywords
            """;
    private static final String WIN_PROC = """
            title: whoami
            id: win-proc
            logsource:
                product: windows
                category: process_creation
            detection:
                sel:
                    CommandLine|contains: whoami
                condition: sel
            """;
    private static final String LINUX_PROC = """
            title: whoami on linux
            id: linux-proc
            logsource:
                product: linux
                category: process_creation
            detection:
                sel:
                    CommandLine|contains: whoami
                condition: sel
            """;
    private static final String PROXY = """
            title: any proxy
            id: proxy
            logsource:
                category: proxy
            detection:
                sel:
                    c-uri|contains: whoami
                condition: sel
            """;
    private static final String NO_LOGSOURCE = """
            title: anywhere
            id: anywhere
            logsource: {}
            detection:
                keywords:
                    - whoami
                condition: keywords
            """;

    private static final RuleSet RULES = RuleSet.builder()
            .add("zeek.yml", ZEEK_RDP)
            .add("win.yml", WIN_PROC)
            .add("linux.yml", LINUX_PROC)
            .add("proxy.yml", PROXY)
            .add("none.yml", NO_LOGSOURCE)
            .build();

    private static final Map<String, Object> SYSMON_WHOAMI = Map.of(
            "Channel", "Microsoft-Windows-Sysmon/Operational",
            "EventID", 1,
            "CommandLine", "whoami mstshash",
            "c-uri", "/whoami");

    private static List<String> both(SigmaEvent event) {
        List<String> naive = NaiveEvaluator.matchingIds(RULES, event);
        assertThat(NaiveEvaluator.indexedIds(RULES, event))
                .as("indexed vs naive")
                .isEqualTo(naive);
        return naive;
    }

    @Test
    void shouldLoadEveryRoutingFixture() {
        assertThat(RULES.refusals()).isEmpty();
        assertThat(RULES.rules()).hasSize(5);
    }

    @Test
    void shouldNeverMatchUnmappedLogSourcesOnAWindowsEvent() {
        SigmaEvent windows = MapEvent.of(SYSMON_WHOAMI, new LogSource("windows", null, null));

        assertThat(both(windows)).containsExactly("win-proc", "anywhere");
    }

    @Test
    void shouldOnlyLetMappedConditionsSelectAnEventThatDeclaresNothing() {
        assertThat(both(MapEvent.of(SYSMON_WHOAMI))).containsExactly("win-proc", "anywhere");
    }

    @Test
    void shouldMatchUnmappedLogSourceOnlyOnEventsDeclaringIt() {
        Map<String, Object> conn = Map.of("cookie", "mstshash=alice");

        assertThat(both(MapEvent.of(conn, new LogSource("zeek", null, "rdp")))).containsExactly("zeek-rdp");
        assertThat(both(MapEvent.of(conn, new LogSource("zeek", null, "http")))).isEmpty();
        assertThat(both(MapEvent.of(conn, new LogSource(null, null, "rdp")))).isEmpty();
        assertThat(both(MapEvent.of(conn))).isEmpty();
    }

    @Test
    void shouldNotMatchWindowsRulesOnAnEventDeclaringAnotherProduct() {
        SigmaEvent linux = MapEvent.of(SYSMON_WHOAMI, new LogSource("linux", "process_creation", null));

        assertThat(both(linux)).containsExactly("linux-proc", "anywhere");
    }

    @Test
    void shouldMatchAMappedRuleOnAnEventDeclaringItsLogSourceWithoutTheMappedFields() {
        SigmaEvent ecs =
                MapEvent.of(Map.of("CommandLine", "whoami /all"), new LogSource("windows", "process_creation", null));

        assertThat(both(ecs)).containsExactly("win-proc", "anywhere");
    }

    @Test
    void shouldMatchACategoryOnlyRuleOnAnyProductDeclaringTheCategory() {
        Map<String, Object> request = Map.of("c-uri", "/cgi-bin/whoami");

        assertThat(both(MapEvent.of(request, new LogSource("squid", "proxy", null))))
                .containsExactly("proxy", "anywhere");
        assertThat(both(MapEvent.of(request, new LogSource("squid", "webserver", null))))
                .containsExactly("anywhere");
    }
}
