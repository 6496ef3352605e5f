package io.vigil.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.telemetry.internal.evtx.EvtxParserTestAccess;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomeCounterTest {

    @Test
    void shouldCountEventsErrorsAndWarningsWhileForwardingEveryOutcome() {
        String lines = """
                {"EventID":1,"Channel":"Security","TimeCreated":"2020-01-01T00:00:00Z"}
                not json
                {"EventID":2,"Channel":"Security","TimeCreated":"2020-01-01T00:00:00Z"}
                []
                """;
        List<ParseOutcome> forwarded = new ArrayList<>();
        OutcomeCounter counter = new OutcomeCounter(forwarded::add, 1);

        Parsers.forFormat(SourceFormat.JSON_LINES)
                .parse(
                        new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)),
                        TestContexts.offline("x.jsonl"),
                        counter);

        assertThat(counter.events()).isEqualTo(2);
        assertThat(counter.errors()).isEqualTo(2);
        assertThat(counter.warnings()).isZero();
        assertThat(counter.firstIssues())
                .singleElement()
                .satisfies(issue -> assertThat(issue.location()).isEqualTo(new SourceLocation.Line("x.jsonl", 2)));
        assertThat(forwarded).hasSize(4);
    }

    @Test
    void shouldCountASkippedEvtxChunkAsAWarning() {
        OutcomeCounter counter = new OutcomeCounter(outcome -> {}, 10);

        Parsers.forFormat(SourceFormat.EVTX)
                .parse(
                        new ByteArrayInputStream(EvtxParserTestAccess.fileWithCorruptSecondChunk()),
                        TestContexts.offline("f.evtx"),
                        counter);

        assertThat(counter.warnings()).isEqualTo(1);
        assertThat(counter.events()).isEqualTo(2);
    }
}
