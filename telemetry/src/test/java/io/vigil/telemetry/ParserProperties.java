package io.vigil.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.time.Duration;

/** Shared checks for the fuzz properties: a parser must finish quickly, never throw, and locate issues. */
public final class ParserProperties {
    private ParserProperties() {}

    /**
     * Parses arbitrary bytes and checks the invariants every parser must keep.
     *
     * @param parser the parser under test
     * @param input the bytes
     * @return the result, for further checks
     */
    public static ParseResult parseSafely(EventParser parser, byte[] input) {
        ParseResult result = assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> parser.parseAll(new ByteArrayInputStream(input), TestContexts.offline("fuzz.input")));
        for (ParseIssue issue : result.issues()) {
            assertThat(issue.location().source()).isEqualTo("fuzz.input");
            switch (issue.location()) {
                case SourceLocation.ByteOffset offset ->
                    assertThat(offset.offset()).isBetween(0L, (long) input.length);
                case SourceLocation.Line line -> assertThat(line.line()).isBetween(1L, input.length + 1L);
            }
        }
        return result;
    }
}
