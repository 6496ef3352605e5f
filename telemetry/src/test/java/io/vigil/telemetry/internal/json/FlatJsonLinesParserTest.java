package io.vigil.telemetry.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventOrigin;
import io.vigil.telemetry.Fixtures;
import io.vigil.telemetry.ParseIssue;
import io.vigil.telemetry.ParseResult;
import io.vigil.telemetry.SourceLocation;
import io.vigil.telemetry.TestContexts;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FlatJsonLinesParserTest {
    private final ParseResult result = new FlatJsonLinesParser()
            .parseAll(
                    new ByteArrayInputStream(Fixtures.read(FlatJsonLinesParserTest.class, "nxlog.jsonl")),
                    TestContexts.offline("nxlog.jsonl"));

    @Test
    void shouldNormaliseChannelCaseAndStringNumbersAndRenameSecurity4688ToSigmaNames() {
        CanonicalEvent event = result.events().getFirst();

        assertThat(event.envelope().origin())
                .isEqualTo(new EventOrigin.Windows("Security", "Microsoft-Windows-Security-Auditing", 4688));
        assertThat(event.envelope().sigmaCategory()).isEqualTo("process_creation");
        assertThat(event.envelope().eventTime()).isEqualTo(Instant.parse("2020-09-22T08:28:23.382Z"));
        assertThat(event.fields())
                .containsEntry("EventID", "4688")
                .containsEntry("Channel", "Security")
                .containsEntry("Image", "C:\\Windows\\System32\\whoami.exe")
                .containsEntry("NewProcessName", "C:\\Windows\\System32\\whoami.exe")
                .containsEntry("ParentImage", "C:\\Windows\\System32\\cmd.exe")
                .containsEntry("ProcessId", "0x1a2b")
                .containsEntry("ParentProcessId", "0x99")
                .containsEntry("Keywords", "0x8000000000000000")
                .containsEntry("EventRecordID", "77")
                .containsEntry("tags", "mordorDataset");
        assertThat(event.envelope().asset().value()).isEqualTo("ws01.corp.example");
    }

    @Test
    void shouldReadSysmonLinesWithoutRecordNumbers() {
        CanonicalEvent event = result.events().get(1);

        assertThat(event.envelope().sigmaCategory()).isEqualTo("process_creation");
        assertThat(event.field("CommandLine")).isEqualTo("cmd.exe /c echo 1");
        assertThat(event.raw()).startsWith("{\"EventID\":1");
    }

    @Test
    void shouldReportEveryBadLineWithItsNumberAndSkipBlankLines() {
        assertThat(result.events()).hasSize(2);
        assertThat(result.issues())
                .allSatisfy(issue -> assertThat(issue.severity()).isEqualTo(ParseIssue.Severity.ERROR))
                .extracting(issue -> ((SourceLocation.Line) issue.location()).line())
                .containsExactly(4L, 5L, 6L, 7L, 8L);
        assertThat(result.issues().get(2).message()).contains("EventID");
        assertThat(result.issues().get(4).message()).contains("time stamp");
    }
}
