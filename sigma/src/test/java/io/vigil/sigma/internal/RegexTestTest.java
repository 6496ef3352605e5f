package io.vigil.sigma.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import io.vigil.sigma.MapEvent;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RegexTestTest {
    private static final List<String> SOURCES = List.of(
            "\\\\(sc|reg)\\.exe\\s+config",
            "(?i)invoke-expression",
            "abcd?ef",
            "ab+cdef",
            "x{2,3}yz[a-z]{4}\\.dll$",
            "(foo)*barbaz",
            "(?i)KeRb.ros",
            "\\w+`(?:\\w+|-|.)`[\\w+|\\s]");

    private static boolean test(String source, String text) {
        return new RegexTest(Pattern.compile(source), source).test(text, MapEvent.of(Map.of()), FieldNames.IDENTITY);
    }

    @Test
    void shouldKnowTheLiteralEveryMatchContains() {
        assertThat(new RegexTest(Pattern.compile("(?i)Invoke-Expression"), "(?i)Invoke-Expression").required())
                .isEqualTo("invoke-expression");
        assertThat(new RegexTest(Pattern.compile("abc|def"), "abc|def").required())
                .isNull();
        assertThat(new RegexTest(Pattern.compile("\\w+`\\w"), "\\w+`\\w").required())
                .isEqualTo("`");
    }

    @Test
    void shouldMatchAsTheExpressionDoesWhenTheLiteralIsPresentInAnotherCase() {
        assertThat(test("(?i)invoke-expression", "IEX; INVOKE-EXPRESSION $x")).isTrue();
        assertThat(test("abcd?ef", "ABCDEF")).isFalse(); // the literal is there ignoring case, the match is not
        assertThat(test("abcd?ef", "xxabcefyy")).isTrue();
        assertThat(test("(?i)KeRb.ros", "kerberos::ptt")).isTrue();
    }

    @Property(tries = 1000)
    void shouldAgreeWithTheExpressionAlone(@ForAll("sources") String source, @ForAll("texts") String text) {
        assertThat(test(source, text))
                .isEqualTo(Pattern.compile(source).matcher(text).find());
    }

    @Provide
    Arbitrary<String> sources() {
        return Arbitraries.of(SOURCES);
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> pieces = Arbitraries.of(
                "\\SC.exe  config",
                "\\reg.exe config",
                "Invoke-Expression",
                "abcef",
                "ABDEF",
                "abbbcdef",
                "xxyzabcd.dll",
                "xxxyzabcd.DLL",
                "foofoobarbaz",
                "KERBEROS",
                "I`E`X",
                "w`-`",
                "kerb_ros",
                " ",
                "a",
                "\u017f",
                "\u212a");
        return pieces.list().ofMaxSize(4).map(l -> String.join("", l));
    }
}
