package io.vigil.telemetry.internal.xml;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventOrigin;
import io.vigil.telemetry.Fixtures;
import io.vigil.telemetry.ParseResult;
import io.vigil.telemetry.SourceLocation;
import io.vigil.telemetry.TestContexts;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowsXmlParserTest {
    private final ParseResult result = parse(Fixtures.read(WindowsXmlParserTest.class, "wevtutil.xml"));

    @Test
    void shouldReadASequenceOfEventsWithoutARootElementAndMapSecurity4688ToProcessCreation() {
        CanonicalEvent event = result.events().getFirst();

        assertThat(event.envelope().origin())
                .isEqualTo(new EventOrigin.Windows("Security", "Microsoft-Windows-Security-Auditing", 4688));
        assertThat(event.envelope().sigmaCategory()).isEqualTo("process_creation");
        assertThat(event.envelope().eventTime()).isEqualTo(Instant.parse("2019-05-18T21:07:04.4587412Z"));
        assertThat(event.fields())
                .containsEntry("Image", "C:\\Windows\\System32\\ntdsutil.exe")
                .containsEntry("ParentImage", "C:\\Windows\\System32\\cmd.exe")
                .containsEntry("CommandLine", "ntdsutil \"ac i ntds\" ifm \"create full c:\\temp\" q q")
                .containsEntry("LogonId", "0x3e7")
                .containsEntry("IntegrityLevel", "S-1-16-16384")
                .containsEntry("ProcessId", "0x1d4")
                .containsEntry("ParentProcessId", "0x2f0")
                .containsEntry("Execution_ProcessID", "4");
    }

    @Test
    void shouldUnescapeEntitiesAndReadEventIdQualifiers() {
        CanonicalEvent event = result.events().get(1);

        assertThat(event.field("EventID")).isEqualTo("7045");
        assertThat(event.field("ImagePath")).isEqualTo("%SystemRoot%\\PSEXESVC.exe & more");
        assertThat(event.raw()).contains("&amp; more");
    }

    @Test
    void shouldReportAnEventWithoutEventIdAtItsLineAndASyntaxErrorAtTheEnd() {
        assertThat(result.events()).hasSize(2);
        assertThat(result.issues()).hasSize(2);
        assertThat(result.issues().get(0).location()).isEqualTo(new SourceLocation.Line("events.xml", 4));
        assertThat(result.issues().get(0).message()).contains("EventID");
        assertThat(result.issues().get(1).message()).startsWith("invalid XML");
    }

    @Test
    void shouldRefuseExternalEntities() {
        String xml = "<!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Event><System><EventID>1</EventID>"
                + "<TimeCreated SystemTime='2020-01-01T00:00:00Z'/><Channel>&x;</Channel></System></Event>";

        ParseResult parsed = parse(xml.getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.events()).allSatisfy(e -> assertThat(e.raw()).doesNotContain("root:"));
        assertThat(parsed.issues()).isNotEmpty();
    }

    private static ParseResult parse(byte[] xml) {
        return new WindowsXmlParser().parseAll(new ByteArrayInputStream(xml), TestContexts.offline("events.xml"));
    }
}
