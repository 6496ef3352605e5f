package io.vigil.sigma;

import static io.vigil.sigma.Rules.matches;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plain values: case, wildcards, escapes, lists, maps, keywords, numbers, null/empty/absent. */
class ValueMatchingTest {

    @Test
    void shouldMatchCaseInsensitivelyByDefault() {
        String d = """
                sel:
                    Image: 'C:\\Windows\\CMD.exe'
                condition: sel
                """;
        assertThat(matches(d, Map.of("Image", "c:\\windows\\cmd.EXE"))).isTrue();
        assertThat(matches(d, Map.of("Image", "c:\\windows\\cmd.exe2"))).isFalse();
    }

    @Test
    void shouldMatchStarAndQuestionMarkWildcards() {
        String d = """
                sel:
                    Image: 'C:\\\\*\\prog?.exe'
                condition: sel
                """;
        assertThat(matches(d, Map.of("Image", "C:\\Tools\\Sub\\progA.exe"))).isTrue();
        assertThat(matches(d, Map.of("Image", "C:\\Tools\\progAB.exe"))).isFalse();
    }

    @Test
    void shouldTreatEscapedWildcardsAsLiteralCharacters() {
        String literalStar = """
                sel:
                    Value: 'a\\*b'
                condition: sel
                """;
        assertThat(matches(literalStar, Map.of("Value", "a*b"))).isTrue();
        assertThat(matches(literalStar, Map.of("Value", "axxb"))).isFalse();

        String backslashThenWildcard = """
                sel:
                    Value: 'a\\\\*'
                condition: sel
                """;
        assertThat(matches(backslashThenWildcard, Map.of("Value", "a\\anything")))
                .isTrue();
        assertThat(matches(backslashThenWildcard, Map.of("Value", "a*"))).isFalse();

        String backslashAndLiteralStar = """
                sel:
                    Value: 'a\\\\\\*'
                condition: sel
                """;
        assertThat(matches(backslashAndLiteralStar, Map.of("Value", "a\\*"))).isTrue();
        assertThat(matches(backslashAndLiteralStar, Map.of("Value", "a\\x"))).isFalse();
    }

    @Test
    void shouldKeepPlainBackslashesNotFollowedByWildcards() {
        String d = """
                sel:
                    Path: 'C:\\Windows\\System32'
                condition: sel
                """;
        assertThat(matches(d, Map.of("Path", "C:\\Windows\\System32"))).isTrue();
    }

    @Test
    void shouldOrListValuesAndAndMapEntries() {
        String d = """
                sel:
                    Image|endswith:
                        - '\\a.exe'
                        - '\\b.exe'
                    User: admin
                condition: sel
                """;
        assertThat(matches(d, Map.of("Image", "x\\b.exe", "User", "ADMIN"))).isTrue();
        assertThat(matches(d, Map.of("Image", "x\\b.exe", "User", "guest"))).isFalse();
        assertThat(matches(d, Map.of("Image", "x\\c.exe", "User", "admin"))).isFalse();
    }

    @Test
    void shouldOrListsOfMaps() {
        String d = """
                sel:
                    - Image|endswith: '\\a.exe'
                    - CommandLine|contains: 'evil'
                condition: sel
                """;
        assertThat(matches(d, Map.of("CommandLine", "run evil now"))).isTrue();
        assertThat(matches(d, Map.of("Image", "\\a.exe"))).isTrue();
        assertThat(matches(d, Map.of("Image", "\\b.exe"))).isFalse();
    }

    @Test
    void shouldSearchKeywordsInAnyFieldValue() {
        String d = """
                keywords:
                    - 'sekurlsa::logonpasswords'
                    - 'lsadump::sam'
                condition: keywords
                """;
        assertThat(matches(d, Map.of("Payload", "mimikatz # LSADUMP::SAM /x"))).isTrue();
        assertThat(matches(d, Map.of("Payload", "nothing here"))).isFalse();
    }

    @Test
    void shouldRequireEveryKeywordWithAllModifier() {
        String d = """
                keywords:
                    '|all':
                        - 'alpha'
                        - 'beta'
                condition: keywords
                """;
        assertThat(matches(d, Map.of("A", "alpha", "B", "xbetax"))).isTrue();
        assertThat(matches(d, Map.of("A", "alpha"))).isFalse();
    }

    @Test
    void shouldCompareIntegersWithNumericStringsAndNumbers() {
        String d = """
                sel:
                    EventID: 4688
                condition: sel
                """;
        assertThat(matches(d, Map.of("EventID", 4688))).isTrue();
        assertThat(matches(d, Map.of("EventID", 4688L))).isTrue();
        assertThat(matches(d, Map.of("EventID", "4688"))).isTrue();
        assertThat(matches(d, Map.of("EventID", 4689))).isFalse();
    }

    @Test
    void shouldDistinguishNullFromEmptyAndAbsent() {
        String nullValue = """
                sel:
                    Field: null
                condition: sel
                """;
        String empty = """
                sel:
                    Field: ''
                condition: sel
                """;
        Map<String, Object> withNull = new java.util.HashMap<>();
        withNull.put("Field", null);
        assertThat(matches(nullValue, withNull)).isTrue();
        assertThat(matches(nullValue, Map.of())).isTrue();
        assertThat(matches(nullValue, Map.of("Field", ""))).isFalse();
        assertThat(matches(empty, Map.of("Field", ""))).isTrue();
        assertThat(matches(empty, Map.of())).isFalse();
        assertThat(matches(empty, withNull)).isFalse();
    }

    @Test
    void shouldTreatATestOnAnAbsentFieldAsFalseSoItsNegationIsTrue() {
        String d = """
                sel:
                    Image|endswith: '\\a.exe'
                condition: not sel
                """;
        assertThat(matches(d, Map.of())).isTrue();
        assertThat(matches(d, Map.of("Image", "x\\a.exe"))).isFalse();
    }

    @Test
    void shouldResolveDottedFieldNamesThroughNestedMaps() {
        String d = """
                sel:
                    process.parent.name: 'explorer.exe'
                condition: sel
                """;
        assertThat(matches(d, Map.of("process", Map.of("parent", Map.of("name", "Explorer.exe")))))
                .isTrue();
        assertThat(matches(d, Map.of("process.parent.name", "explorer.exe"))).isTrue();
        assertThat(matches(d, Map.of("process", Map.of("name", "explorer.exe"))))
                .isFalse();
    }

    @Test
    void shouldMatchWhenAnyElementOfAMultiValuedFieldMatches() {
        String d = """
                sel:
                    Tags: 'b'
                condition: sel
                """;
        assertThat(matches(d, Map.of("Tags", List.of("a", "b")))).isTrue();
        assertThat(matches(d, Map.of("Tags", Arrays.asList("a", "c")))).isFalse();
    }
}
