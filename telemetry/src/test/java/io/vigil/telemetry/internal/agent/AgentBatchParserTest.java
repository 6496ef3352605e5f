package io.vigil.telemetry.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.telemetry.AssetId;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventOrigin;
import io.vigil.telemetry.ParseContext;
import io.vigil.telemetry.ParseResult;
import io.vigil.telemetry.Parsers;
import io.vigil.telemetry.SourceFormat;
import io.vigil.telemetry.SourceLocation;
import io.vigil.telemetry.TenantId;
import io.vigil.telemetry.TestContexts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class AgentBatchParserTest {
    private static final String HEADER = "{\"type\":\"batch\",\"schema\":\"vigil.agent/1\",\"batch_id\":\"b-1\","
            + "\"agent\":{\"id\":\"agent-7\",\"version\":\"0.1.0\",\"product\":\"Vigil Agent\"},"
            + "\"host\":{\"name\":\"WS01\",\"os\":\"windows\"}}";
    private static final String PROCESS =
            "{\"type\":\"process_start\",\"id\":\"e-1\",\"time\":\"2026-11-28T00:59:58.125Z\","
                    + "\"Image\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\",\"CommandLine\":\"cmd.exe /c whoami\",\"ProcessId\":4242,"
                    + "\"Hashes\":\"MD5=AA,SHA256=BB\",\"LogonType\":\"2\"}";
    private static final String EVENT_LOG = "{\"type\":\"event_log\",\"id\":\"e-2\",\"time\":\"2026-11-28T01:00:00Z\","
            + "\"Channel\":\"security\",\"EventID\":\"4688\",\"EventRecordID\":\"5\",\"NewProcessName\":\"C:\\\\x.exe\"}";

    @Test
    void shouldReadAGzipBatchIntoEventsWithSigmaCategoriesAndAgentInfo() {
        ParseResult result = parse(gzip(HEADER + "\n" + PROCESS + "\n" + EVENT_LOG + "\n"));

        assertThat(result.issues()).isEmpty();
        CanonicalEvent process = result.events().getFirst();
        assertThat(process.envelope().sigmaCategory()).isEqualTo("process_creation");
        assertThat(process.envelope().origin()).isEqualTo(new EventOrigin.Other("vigil-agent", "process_start"));
        assertThat(process.envelope().asset().value()).isEqualTo("ws01");
        assertThat(process.fields())
                .containsEntry("CommandLine", "cmd.exe /c whoami")
                .containsEntry("ProcessId", "4242")
                .containsEntry("AgentId", "agent-7")
                .containsEntry("AgentVersion", "0.1.0");
        CanonicalEvent eventLog = result.events().get(1);
        assertThat(eventLog.envelope().origin()).isEqualTo(new EventOrigin.Windows("Security", "", 4688));
        assertThat(eventLog.envelope().sigmaCategory()).isEqualTo("process_creation");
        assertThat(eventLog.field("Image")).isEqualTo("C:\\x.exe");
    }

    @Test
    void shouldGiveWmiEventsSysmonsEventIdsAndTheHostsOperatingSystem() {
        String wmi =
                "{\"type\":\"wmi_event\",\"id\":\"w-%d\",\"time\":\"2026-11-28T01:00:00Z\",\"EventType\":\"%s\"%s}";
        ParseResult result = parse(gzip(HEADER + "\n"
                + String.format(wmi, 1, "WmiFilterEvent", "") + "\n"
                + String.format(wmi, 2, "WmiConsumerEvent", "") + "\n"
                + String.format(wmi, 3, "WmiBindingEvent", "") + "\n"
                + String.format(wmi, 4, "WmiConsumerEvent", ",\"EventID\":\"7\"") + "\n"
                + String.format(wmi, 5, "SomethingNew", "") + "\n"));

        assertThat(result.issues()).isEmpty();
        assertThat(result.events())
                .extracting(e -> String.valueOf(e.field("EventID")))
                .containsExactly("19", "20", "21", "7", "null");
        assertThat(result.events()).allSatisfy(e -> {
            assertThat(e.envelope().sigmaCategory()).isEqualTo("wmi_event");
            assertThat(e.field("HostOs")).isEqualTo("windows");
        });
    }

    @Test
    void shouldReadMalformedUtf8AsReplacementCharactersAndReportABrokenLineByItsNumber() {
        byte[] head = (HEADER + "\n{\"type\":\"process_start\",\"id\":\"e-9\",\"time\":\"2026-11-28T00:00:00Z\","
                        + "\"CommandLine\":\"a")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = "b\"}\n{\"type\":\"process_start\",\"id\":\n".getBytes(StandardCharsets.UTF_8);
        byte[] batch = Arrays.copyOf(head, head.length + 1 + tail.length);
        batch[head.length] = (byte) 0xC3; // a UTF-8 lead byte without its continuation byte
        System.arraycopy(tail, 0, batch, head.length + 1, tail.length);

        ParseResult result = parse(batch);

        assertThat(result.events()).singleElement().satisfies(e -> {
            assertThat(e.field("CommandLine")).isEqualTo("a\uFFFDb");
            assertThat(e.raw()).contains("a\uFFFDb");
        });
        assertThat(result.issues())
                .singleElement()
                .satisfies(issue -> assertThat(issue.location()).isEqualTo(new SourceLocation.Line("batch", 3)));
    }

    @Test
    void shouldGiveTheSameIdsWhenABatchIsRetriedAndUseTheCredentialsAsset() {
        byte[] batch = (HEADER + "\n" + PROCESS + "\n").getBytes(StandardCharsets.UTF_8);
        ParseContext fromCredentials = new ParseContext(
                new TenantId("acme"), new AssetId("asset-42"), "batch", Clock.fixed(TestContexts.NOW, ZoneOffset.UTC));

        CanonicalEvent first = new AgentBatchParser()
                .parseAll(new ByteArrayInputStream(batch), fromCredentials)
                .events()
                .getFirst();
        CanonicalEvent retried = new AgentBatchParser()
                .parseAll(new ByteArrayInputStream(batch), fromCredentials)
                .events()
                .getFirst();

        assertThat(retried.envelope().id()).isEqualTo(first.envelope().id());
        assertThat(first.envelope().asset()).isEqualTo(new AssetId("asset-42"));
    }

    @Test
    void shouldRejectABatchWithoutAValidHeaderAsOneErrorAtLineOne() {
        ParseResult result = parse((PROCESS + "\n" + PROCESS + "\n").getBytes(StandardCharsets.UTF_8));

        assertThat(result.events()).isEmpty();
        assertThat(result.issues())
                .singleElement()
                .satisfies(issue -> assertThat(issue.location()).isEqualTo(new SourceLocation.Line("batch", 1)));
    }

    @Test
    void shouldReportABadEventLineByNumberAndReadTheRest() {
        String body = HEADER + "\n{\"type\":\"dns_query\",\"time\":\"2026-11-28T00:00:00Z\"}\n" + PROCESS + "\n";

        ParseResult result = parse(body.getBytes(StandardCharsets.UTF_8));

        assertThat(result.events()).hasSize(1);
        assertThat(result.issues())
                .singleElement()
                .satisfies(issue -> assertThat(issue.location()).isEqualTo(new SourceLocation.Line("batch", 2)));
    }

    @Test
    void shouldReportTruncatedGzipDataAsAnErrorAndKeepTheEventsBeforeIt() {
        byte[] whole = gzip(HEADER + "\n" + PROCESS + "\n" + EVENT_LOG + "\n");
        byte[] truncated = Arrays.copyOf(whole, whole.length - 12);

        ParseResult result = parse(truncated);

        assertThat(result.events()).extracting(e -> e.field("CommandLine")).containsExactly("cmd.exe /c whoami");
        assertThat(result.issues()).isNotEmpty();
        assertThat(result.issues().getLast().message()).contains("gzip");
    }

    @Test
    void shouldBeDetectedFromItsGzipMagicOrItsHeader() {
        assertThat(Parsers.detect(gzip(HEADER))).contains(SourceFormat.AGENT_NDJSON);
        assertThat(Parsers.detect(HEADER.getBytes(StandardCharsets.UTF_8))).contains(SourceFormat.AGENT_NDJSON);
    }

    private static ParseResult parse(byte[] body) {
        return new AgentBatchParser().parseAll(new ByteArrayInputStream(body), TestContexts.offline("batch"));
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
