package io.vigil.telemetry.internal.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventOrigin;
import io.vigil.telemetry.Fixtures;
import io.vigil.telemetry.ParseResult;
import io.vigil.telemetry.SourceFormat;
import io.vigil.telemetry.SourceLocation;
import io.vigil.telemetry.TestContexts;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OtlpJsonParserTest {
    private final ParseResult result = new OtlpJsonParser()
            .parseAll(
                    new ByteArrayInputStream(Fixtures.read(OtlpJsonParserTest.class, "logs.json")),
                    TestContexts.offline("v1-logs.json"));

    @Test
    void shouldMapAStructuredWindowsEventLogReceiverRecord() {
        CanonicalEvent event = result.events().getFirst();

        assertThat(event.envelope().format()).isEqualTo(SourceFormat.OTLP_JSON);
        assertThat(event.envelope().origin())
                .isEqualTo(new EventOrigin.Windows("Security", "Microsoft-Windows-Security-Auditing", 4688));
        assertThat(event.envelope().sigmaCategory()).isEqualTo("process_creation");
        assertThat(event.envelope().eventTime()).isEqualTo(Instant.parse("2023-11-14T22:13:20.5Z"));
        assertThat(event.fields())
                .containsEntry("Image", "C:\\Windows\\System32\\net.exe")
                .containsEntry("CommandLine", "net user /domain")
                .containsEntry("EventRecordID", "314")
                .containsEntry("Keywords", "Audit Success");
    }

    @Test
    void shouldParseTheEventXmlOfARawModeRecord() {
        CanonicalEvent event = result.events().get(1);

        assertThat(event.envelope().format()).isEqualTo(SourceFormat.OTLP_JSON);
        assertThat(event.envelope().sigmaCategory()).isEqualTo("network_connection");
        assertThat(event.field("DestinationIp")).isEqualTo("203.0.113.7");
    }

    @Test
    void shouldKeepAnyOtherLogRecordWithBodyAsMessage() {
        CanonicalEvent event = result.events().get(2);

        assertThat(event.envelope().origin()).isEqualTo(new EventOrigin.Other("otlp:sshd", "INFO"));
        assertThat(event.envelope().asset().value()).isEqualTo("bastion");
        assertThat(event.envelope().eventTime()).isEqualTo(Instant.ofEpochSecond(1_700_000_002L));
        assertThat(event.fields())
                .containsEntry("Message", "Accepted publickey for root")
                .containsEntry("log.file.name", "auth.log");
    }

    @Test
    void shouldReportARecordWithoutTimeAtTheLineOfItsResourceLogs() {
        assertThat(result.events()).hasSize(3);
        assertThat(result.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.location()).isEqualTo(new SourceLocation.Line("v1-logs.json", 3));
            assertThat(issue.message()).contains("timeUnixNano");
        });
    }
}
