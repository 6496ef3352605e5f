package io.vigil.sigma;

import static io.vigil.sigma.Rules.matches;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every modifier of the Sigma 2.1 appendix, alone and chained in order. */
class ModifierMatchingTest {

    private static String rule(String key, String value) {
        return "sel:\n    " + key + ": " + value + "\ncondition: sel\n";
    }

    @Test
    void shouldMatchContainsStartswithEndswith() {
        assertThat(matches(rule("F|contains", "'mid'"), Map.of("F", "aMIDb"))).isTrue();
        assertThat(matches(rule("F|startswith", "'pre'"), Map.of("F", "PREfix")))
                .isTrue();
        assertThat(matches(rule("F|startswith", "'pre'"), Map.of("F", "xpre"))).isFalse();
        assertThat(matches(rule("F|endswith", "'.exe'"), Map.of("F", "a.EXE"))).isTrue();
        assertThat(matches(rule("F|endswith", "'.exe'"), Map.of("F", "a.exe.txt")))
                .isFalse();
    }

    @Test
    void shouldRequireEveryValueWithAll() {
        String d = rule("CommandLine|contains|all", "['-enc', 'hidden']");
        assertThat(matches(d, Map.of("CommandLine", "ps -w hidden -enc AAA"))).isTrue();
        assertThat(matches(d, Map.of("CommandLine", "ps -enc AAA"))).isFalse();
    }

    @Test
    void shouldTestPresenceWithExists() {
        assertThat(matches(rule("F|exists", "true"), Map.of("F", ""))).isTrue();
        assertThat(matches(rule("F|exists", "true"), Map.of("G", "x"))).isFalse();
        assertThat(matches(rule("F|exists", "false"), Map.of("G", "x"))).isTrue();
        assertThat(matches(rule("F|exists", "false"), Map.of("F", "x"))).isFalse();
    }

    @Test
    void shouldMatchCaseSensitivelyWithCased() {
        assertThat(matches(rule("F|cased", "'Secret'"), Map.of("F", "Secret"))).isTrue();
        assertThat(matches(rule("F|cased", "'Secret'"), Map.of("F", "secret"))).isFalse();
        assertThat(matches(rule("F|contains|cased", "'ABC'"), Map.of("F", "xabcx")))
                .isFalse();
    }

    @Test
    void shouldMatchWhenFieldDiffersWithNeq() {
        String d = rule("User|neq", "['root', 'admin']");
        assertThat(matches(d, Map.of("User", "alice"))).isTrue();
        assertThat(matches(d, Map.of("User", "ROOT"))).isFalse();
        assertThat(matches(rule("Count|neq", "5"), Map.of("Count", 6))).isTrue();
    }

    @Test
    void shouldSearchRegexCaseSensitivelyUnlessFlagged() {
        assertThat(matches(rule("F|re", "'ab+c'"), Map.of("F", "xxabbbcxx"))).isTrue();
        assertThat(matches(rule("F|re", "'ab+c'"), Map.of("F", "ABBC"))).isFalse();
        assertThat(matches(rule("F|re|i", "'ab+c'"), Map.of("F", "ABBC"))).isTrue();
    }

    @Test
    void shouldHonourMultilineAndDotallRegexFlags() {
        assertThat(matches(rule("F|re", "'^second$'"), Map.of("F", "first\nsecond")))
                .isFalse();
        assertThat(matches(rule("F|re|m", "'^second$'"), Map.of("F", "first\nsecond")))
                .isTrue();
        assertThat(matches(rule("F|re", "'a.b'"), Map.of("F", "a\nb"))).isFalse();
        assertThat(matches(rule("F|re|s", "'a.b'"), Map.of("F", "a\nb"))).isTrue();
    }

    @Test
    void shouldRunPathologicalRegexInLinearTime() {
        String evil = "a".repeat(50_000) + "!";
        long start = System.nanoTime();
        boolean hit = matches(rule("F|re", "'^(a+)+$'"), Map.of("F", evil));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(hit).isFalse();
        assertThat(millis).isLessThan(5_000);
    }

    @Test
    void shouldMatchBase64EncodedValue() {
        String encoded = Base64.getEncoder().encodeToString("http://evil".getBytes(StandardCharsets.UTF_8));
        assertThat(matches(rule("F|base64", "'http://evil'"), Map.of("F", encoded)))
                .isTrue();
        assertThat(matches(rule("F|base64|contains", "'http://evil'"), Map.of("F", "x" + encoded + "y")))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "ab", "abc", "abcd"})
    void shouldFindBase64offsetValueAtAnyShift(String prefix) {
        String payload = prefix + "Invoke-Mimikatz -Command" + "tail";
        String encoded = Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        String d = rule("F|base64offset|contains", "'Invoke-Mimikatz'");
        assertThat(matches(d, Map.of("F", encoded))).isTrue();
        assertThat(matches(
                        d,
                        Map.of(
                                "F",
                                Base64.getEncoder().encodeToString("harmless text".getBytes(StandardCharsets.UTF_8)))))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "xy"})
    void shouldFindWideBase64offsetValueLikePowershellEncodedCommands(String prefix) {
        String encoded = Base64.getEncoder()
                .encodeToString((prefix + "IEX (New-Object Net.WebClient)").getBytes(StandardCharsets.UTF_16LE));
        assertThat(matches(rule("F|wide|base64offset|contains", "'New-Object'"), Map.of("F", encoded)))
                .isTrue();
        assertThat(matches(rule("F|utf16le|base64offset|contains", "'New-Object'"), Map.of("F", encoded)))
                .isTrue();
        assertThat(matches(rule("F|base64offset|contains", "'New-Object'"), Map.of("F", encoded)))
                .isFalse();
    }

    @Test
    void shouldEncodeUtf16beAndUtf16WithByteOrderMark() {
        String be = Base64.getEncoder().encodeToString("cmd".getBytes(StandardCharsets.UTF_16BE));
        assertThat(matches(rule("F|utf16be|base64", "'cmd'"), Map.of("F", be))).isTrue();
        String bom = Base64.getEncoder().encodeToString("cmd".getBytes(StandardCharsets.UTF_16));
        assertThat(matches(rule("F|utf16|base64", "'cmd'"), Map.of("F", bom))).isTrue();
        assertThat(matches(rule("F|utf16be|base64", "'cmd'"), Map.of("F", bom))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-", "/", "\u2013", "\u2014", "\u2015"})
    void shouldMatchEveryDashVariantWithWindash(String dash) {
        String d = rule("CommandLine|windash|contains", "' -exec bypass'");
        assertThat(matches(d, Map.of("CommandLine", "powershell " + dash + "exec bypass")))
                .isTrue();
        assertThat(matches(d, Map.of("CommandLine", "powershell +exec bypass"))).isFalse();
    }

    @Test
    void shouldMatchIpv4AndIpv6NetworksWithCidr() {
        String v4 = rule("Ip|cidr", "['10.0.0.0/8', '192.168.1.0/24']");
        assertThat(matches(v4, Map.of("Ip", "10.20.30.40"))).isTrue();
        assertThat(matches(v4, Map.of("Ip", "192.168.2.1"))).isFalse();
        assertThat(matches(v4, Map.of("Ip", "192.168.1.77"))).isTrue(); // the second network
        String mixed = rule("Ip|cidr", "['fe80::/10', '10.0.0.0/8', '::1/128']");
        assertThat(matches(mixed, Map.of("Ip", "10.1.2.3"))).isTrue();
        assertThat(matches(mixed, Map.of("Ip", "::1"))).isTrue();
        assertThat(matches(mixed, Map.of("Ip", "11.1.2.3"))).isFalse();
        assertThat(matches(v4, Map.of("Ip", "not an ip"))).isFalse();
        String v6 = rule("Ip|cidr", "'fe80::/10'");
        assertThat(matches(v6, Map.of("Ip", "fe80::1c2a:3bff:fe4d:5e6f"))).isTrue();
        assertThat(matches(v6, Map.of("Ip", "2001:db8::1"))).isFalse();
        assertThat(matches(rule("Ip|cidr", "'::ffff:0:0/96'"), Map.of("Ip", "::ffff:10.0.0.1")))
                .isTrue();
    }

    @Test
    void shouldCompareNumbersWithLtLteGtGte() {
        assertThat(matches(rule("N|lt", "10"), Map.of("N", 9))).isTrue();
        assertThat(matches(rule("N|lt", "10"), Map.of("N", 10))).isFalse();
        assertThat(matches(rule("N|lte", "10"), Map.of("N", "10"))).isTrue();
        assertThat(matches(rule("N|gt", "10"), Map.of("N", 10.5))).isTrue();
        assertThat(matches(rule("N|gte", "10"), Map.of("N", 9))).isFalse();
        assertThat(matches(rule("N|gt", "10"), Map.of("N", "many"))).isFalse();
    }

    @Test
    void shouldExtractTimePartsWithTimeModifiers() {
        Map<String, String> e = Map.of("T", "2025-11-27T07:40:10.165Z");
        assertThat(matches(rule("T|minute", "40"), e)).isTrue();
        assertThat(matches(rule("T|hour", "7"), e)).isTrue();
        assertThat(matches(rule("T|day", "27"), e)).isTrue();
        assertThat(matches(rule("T|week", "48"), e)).isTrue();
        assertThat(matches(rule("T|month", "11"), e)).isTrue();
        assertThat(matches(rule("T|year", "2025"), e)).isTrue();
        assertThat(matches(rule("T|hour|gte", "9"), e)).isFalse();
        assertThat(matches(rule("T|hour", "8"), Map.of("T", "2025-11-27 08:00:00")))
                .isTrue();
    }

    @Test
    void shouldExpandPlaceholdersFromTheTenantMap() {
        RuleSet set =
                Rules.of(rule("User|expand", "'%Administrators%'"), Map.of("Administrators", List.of("alice", "bob")));
        assertThat(set.refusals()).isEmpty();
        assertThat(set.match(MapEvent.of(Map.of("User", "Bob"), Rules.TEST_PRODUCT)))
                .hasSize(1);
        assertThat(set.match(MapEvent.of(Map.of("User", "carol"), Rules.TEST_PRODUCT)))
                .isEmpty();
    }

    @Test
    void shouldKeepEscapedPercentLiteralWhenExpanding() {
        RuleSet set = Rules.of(rule("F|expand", "'\\%plain%name%'"), Map.of("name", List.of("X")));
        assertThat(set.refusals()).isEmpty();
        assertThat(set.match(MapEvent.of(Map.of("F", "%plainX"), Rules.TEST_PRODUCT)))
                .hasSize(1);
    }

    @Test
    void shouldRefuseRuleWithUnresolvedPlaceholder() {
        RuleSet set = Rules.of(rule("User|expand", "'%Administrators%'"), Map.of());
        assertThat(set.rules()).isEmpty();
        assertThat(set.refusals())
                .singleElement()
                .satisfies(r -> assertThat(r.problems())
                        .extracting(RuleProblem::message)
                        .anyMatch(m -> m.contains("unresolved placeholder '%Administrators%'")));
    }

    @Test
    void shouldCompareTwoFieldsWithFieldref() {
        String d = rule("ParentImage|fieldref", "Image");
        assertThat(matches(d, Map.of("Image", "a.exe", "ParentImage", "A.EXE"))).isTrue();
        assertThat(matches(d, Map.of("Image", "a.exe", "ParentImage", "b.exe"))).isFalse();
        assertThat(matches(d, Map.of("ParentImage", "b.exe"))).isFalse();
        String neq = rule("ParentImage|fieldref|neq", "Image");
        assertThat(matches(neq, Map.of("Image", "a.exe", "ParentImage", "b.exe")))
                .isTrue();
        assertThat(matches(rule("Path|fieldref|startswith", "Dir"), Map.of("Dir", "C:\\x", "Path", "C:\\x\\y")))
                .isTrue();
    }
}
