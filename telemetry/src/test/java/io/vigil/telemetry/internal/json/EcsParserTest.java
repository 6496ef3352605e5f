package io.vigil.telemetry.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventOrigin;
import io.vigil.telemetry.Fixtures;
import io.vigil.telemetry.ParseResult;
import io.vigil.telemetry.SourceLocation;
import io.vigil.telemetry.TestContexts;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EcsParserTest {
    private final ParseResult result = new EcsParser()
            .parseAll(
                    new ByteArrayInputStream(Fixtures.read(EcsParserTest.class, "ecs.ndjson")),
                    TestContexts.offline("bulk.ndjson"));

    @Test
    void shouldMapAWinlogbeatSysmonDocumentToSigmaNamesWithEventDataFallback() {
        CanonicalEvent event = result.events().getFirst();

        assertThat(event.envelope().origin())
                .isEqualTo(
                        new EventOrigin.Windows("Microsoft-Windows-Sysmon/Operational", "Microsoft-Windows-Sysmon", 1));
        assertThat(event.envelope().sigmaCategory()).isEqualTo("process_creation");
        assertThat(event.envelope().eventTime()).isEqualTo(Instant.parse("2024-03-01T10:00:00.123Z"));
        assertThat(event.fields())
                .containsEntry("Image", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe")
                .containsEntry("CommandLine", "powershell -nop -w hidden")
                .containsEntry("ParentImage", "C:\\Windows\\explorer.exe")
                .containsEntry("OriginalFileName", "PowerShell.EXE")
                .containsEntry("IntegrityLevel", "High")
                .containsEntry("User", "bob")
                .containsEntry("EventRecordID", "9001")
                .containsEntry("process.command_line", "powershell -nop -w hidden");
    }

    @Test
    void shouldCategoriseANonWindowsDocumentByEventCategoryAndType() {
        CanonicalEvent event = result.events().get(1);

        assertThat(event.envelope().origin()).isEqualTo(new EventOrigin.Other("ecs:endpoint", "exec"));
        assertThat(event.envelope().sigmaCategory()).isEqualTo("process_creation");
        assertThat(event.envelope().asset().value()).isEqualTo("web01");
        assertThat(event.fields())
                .containsEntry("Image", "/usr/bin/curl")
                .containsEntry("CommandLine", "curl http://x.example/a.sh")
                .containsEntry("ProcessId", "77");
    }

    @Test
    void shouldSkipBulkActionLinesAndReportADocumentWithoutTimestampByLine() {
        assertThat(result.events()).hasSize(2);
        assertThat(result.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.location()).isEqualTo(new SourceLocation.Line("bulk.ndjson", 4));
            assertThat(issue.message()).contains("@timestamp");
        });
    }
}
