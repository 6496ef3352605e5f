package io.vigil.telemetry.internal.auditd;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventOrigin;
import io.vigil.telemetry.Fixtures;
import io.vigil.telemetry.ParseResult;
import io.vigil.telemetry.SourceLocation;
import io.vigil.telemetry.TestContexts;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditdParserTest {
    private final ParseResult result = new AuditdParser()
            .parseAll(
                    new ByteArrayInputStream(Fixtures.read(AuditdParserTest.class, "mixed.log")),
                    TestContexts.offline("audit.log"));

    @Test
    void shouldJoinRecordsOfOneSerialIntoAProcessCreationWithDecodedArguments() {
        CanonicalEvent exec = bySerial("501");

        assertThat(exec.envelope().sigmaCategory()).isEqualTo("process_creation");
        assertThat(exec.envelope().origin()).isEqualTo(new EventOrigin.Linux("auditd", "SYSCALL"));
        assertThat(exec.envelope().eventTime()).isEqualTo(Instant.parse("2023-11-14T22:13:20.100Z"));
        assertThat(exec.fields())
                .containsEntry("Image", "/usr/bin/bash")
                .containsEntry("CommandLine", "bash -c echo hi there")
                .containsEntry("a2", "echo hi there")
                .containsEntry("proctitle", "bash -c echo hi there")
                .containsEntry("ProcessId", "1234")
                .containsEntry("ParentProcessId", "1000")
                .containsEntry("User", "1000")
                .containsEntry("LogonId", "7")
                .containsEntry("CurrentDirectory", "/home/alice")
                .containsEntry("SyscallName", "execve")
                .containsEntry("SYSCALL_a0", "55d1")
                .containsEntry("PATH0_name", "/usr/bin/bash")
                .containsEntry("key", "exec");
        assertThat(exec.raw().lines()).hasSize(5);
    }

    @Test
    void shouldDecodeTheSocketAddressOfAConnectIntoANetworkConnection() {
        CanonicalEvent connect = bySerial("502");

        assertThat(connect.envelope().sigmaCategory()).isEqualTo("network_connection");
        assertThat(connect.fields())
                .containsEntry("DestinationIp", "192.168.10.20")
                .containsEntry("DestinationPort", "443")
                .containsEntry("Image", "/usr/bin/curl");
    }

    @Test
    void shouldTurnACreatedPathIntoAFileEventWithTheHexNameDecoded() {
        CanonicalEvent file = bySerial("503");

        assertThat(file.envelope().sigmaCategory()).isEqualTo("file_event");
        assertThat(file.fields()).containsEntry("TargetFilename", "/tmp/evil file");
    }

    @Test
    void shouldTurnUserLoginIntoAnAuthenticationEventWithTheNestedMessageSplit() {
        CanonicalEvent login = bySerial("504");

        assertThat(login.envelope().sigmaCategory()).isNull();
        assertThat(login.fields())
                .containsEntry("EventCategory", "authentication")
                .containsEntry("res", "failed")
                .containsEntry("SourceIp", "10.0.0.5")
                .containsEntry("exe", "/usr/sbin/sshd");
    }

    @Test
    void shouldReportANonAuditLineByNumberAndKeepTheOtherEvents() {
        assertThat(result.events()).hasSize(4);
        assertThat(result.issues())
                .singleElement()
                .satisfies(issue -> assertThat(issue.location()).isEqualTo(new SourceLocation.Line("audit.log", 9)));
    }

    @Test
    void shouldGiveEveryAuditEventADistinctStableId() {
        List<String> ids =
                result.events().stream().map(e -> e.envelope().id().value()).toList();

        assertThat(ids).doesNotHaveDuplicates();
        ParseResult again = new AuditdParser()
                .parseAll(
                        new ByteArrayInputStream(Fixtures.read(AuditdParserTest.class, "mixed.log")),
                        TestContexts.offline("audit.log"));
        assertThat(again.events().stream().map(e -> e.envelope().id().value())).containsExactlyElementsOf(ids);
    }

    private CanonicalEvent bySerial(String serial) {
        return result.events().stream()
                .filter(e -> e.raw().contains(":" + serial + ")"))
                .findFirst()
                .orElseThrow();
    }
}
