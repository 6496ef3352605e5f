package io.vigil.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParsersTest {

    @Test
    void shouldDetectEveryFormatFromItsFirstBytes() {
        assertThat(detect("ElfFile\0rest")).contains(SourceFormat.EVTX);
        assertThat(detect("\uFEFF<?xml version='1.0'?><Event>")).contains(SourceFormat.WINDOWS_XML);
        assertThat(detect("{\n  \"Event\": {\n    \"#attributes\": {}")).contains(SourceFormat.EVTX_JSON);
        assertThat(detect("{\"@timestamp\":\"x\",\"winlog\":{\"channel\":\"Security\"}}"))
                .contains(SourceFormat.ECS);
        assertThat(detect("{\"EventID\":1,\"Channel\":\"security\"}")).contains(SourceFormat.JSON_LINES);
        assertThat(detect("type=SYSCALL msg=audit(1.0:1): arch=c000003e")).contains(SourceFormat.AUDITD);
        assertThat(detect("node=web01 type=EXECVE msg=audit(1.0:1): argc=1")).contains(SourceFormat.AUDITD);
        assertThat(detect("{ \"resourceLogs\": [")).contains(SourceFormat.OTLP_JSON);
        assertThat(detect("{\"type\":\"batch\",\"schema\":\"vigil.agent/1\"}")).contains(SourceFormat.AGENT_NDJSON);
        assertThat(detect("MZ\u0090\u0000")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SourceFormat.class)
    void shouldProvideAParserForEveryFormat(SourceFormat format) {
        assertThat(Parsers.forFormat(format).format()).isEqualTo(format);
    }

    private static Optional<SourceFormat> detect(String head) {
        return Parsers.detect(head.getBytes(StandardCharsets.UTF_8));
    }
}
