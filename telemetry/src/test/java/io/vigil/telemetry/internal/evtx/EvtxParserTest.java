package io.vigil.telemetry.internal.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventOrigin;
import io.vigil.telemetry.ParseIssue;
import io.vigil.telemetry.ParseResult;
import io.vigil.telemetry.SourceLocation;
import io.vigil.telemetry.TestContexts;
import io.vigil.telemetry.internal.evtx.EvtxFixture.FixtureRecord;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EvtxParserTest {
    private static final FixtureRecord FIRST = new FixtureRecord(41, "WS01.corp.example", "cmd.exe /c whoami");
    private static final FixtureRecord SECOND = new FixtureRecord(42, "WS01.corp.example", "powershell -enc AAAA");
    private static final FixtureRecord THIRD = new FixtureRecord(43, "WS01.corp.example", "net user");

    private final EvtxParser parser = new EvtxParser();

    @Test
    void shouldRenderTemplateSubstitutionsOfEveryFixtureType() {
        ParseResult result = parse(EvtxFixture.file(List.of(List.of(FIRST))));

        assertThat(result.issues()).isEmpty();
        CanonicalEvent event = result.events().getFirst();
        assertThat(event.fields())
                .containsEntry("EventID", "1")
                .containsEntry("Provider_Name", "Microsoft-Windows-Sysmon")
                .containsEntry("Channel", "Microsoft-Windows-Sysmon/Operational")
                .containsEntry("Computer", "WS01.corp.example")
                .containsEntry("EventRecordID", "41")
                .containsEntry("Keywords", "0x8000000000000000")
                .containsEntry("Security_UserID", "S-1-5-18")
                .containsEntry("CommandLine", "cmd.exe /c whoami")
                .containsEntry("ProcessGuid", "0197231E-005A-6928-A50B-000000000D00")
                .containsEntry("Strings", "one,two")
                .containsEntry("Blob", "DEAD")
                .containsEntry("Signed", "true")
                .containsEntry("Optional", "");
        assertThat(event.envelope().eventTime()).isEqualTo(Instant.parse("2025-08-18T14:13:20.1234567Z"));
        assertThat(event.envelope().origin())
                .isEqualTo(
                        new EventOrigin.Windows("Microsoft-Windows-Sysmon/Operational", "Microsoft-Windows-Sysmon", 1));
        assertThat(event.envelope().sigmaCategory()).isEqualTo("process_creation");
        assertThat(event.envelope().asset().value()).isEqualTo("ws01.corp.example");
        assertThat(event.raw()).startsWith("<Event").contains("<Data Name=\"CommandLine\">cmd.exe /c whoami</Data>");
    }

    @Test
    void shouldReadARecordWhoseBinaryXmlHasNoTemplate() {
        ParseResult result = parse(EvtxFixture.fileWithTemplateLessRecord());

        assertThat(result.issues()).isEmpty();
        assertThat(result.events()).singleElement().satisfies(event -> {
            assertThat(event.field("Image")).isNull();
            assertThat(event.field("CommandLine")).isEqualTo("whoami /priv");
            assertThat(event.envelope().origin()).isEqualTo(new EventOrigin.Windows("Security", "", 4688));
            assertThat(event.envelope().eventTime()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        });
    }

    @Test
    void shouldReuseTemplateDefinedByAnEarlierRecordOfTheChunk() {
        ParseResult result = parse(EvtxFixture.file(List.of(List.of(FIRST, SECOND, THIRD))));

        assertThat(result.issues()).isEmpty();
        assertThat(result.events())
                .extracting(e -> e.field("CommandLine"))
                .containsExactly("cmd.exe /c whoami", "powershell -enc AAAA", "net user");
    }

    @Test
    void shouldDeriveTheSameEventIdFromTheSameRecordAndDifferentIdsFromDifferentRecords() {
        byte[] file = EvtxFixture.file(List.of(List.of(FIRST, SECOND)));

        List<CanonicalEvent> once = parse(file).events();
        List<CanonicalEvent> again = parse(file).events();

        assertThat(once.get(0).envelope().id())
                .isEqualTo(again.get(0).envelope().id());
        assertThat(once.get(0).envelope().id())
                .isNotEqualTo(once.get(1).envelope().id());
    }

    @Test
    void shouldSkipCorruptChunkAndCountIt() {
        byte[] file = EvtxFixture.file(List.of(List.of(FIRST), List.of(SECOND), List.of(THIRD)));
        int secondChunk = EvtxParser.FILE_HEADER_SIZE + EvtxParser.CHUNK_SIZE;
        file[secondChunk + 700] ^= 0x55;

        ParseResult result = parse(file);

        assertThat(result.events()).extracting(e -> e.field("EventRecordID")).containsExactly("41", "43");
        assertThat(result.warningCount()).isEqualTo(1);
        ParseIssue warning = result.issues().getFirst();
        assertThat(warning.location()).isEqualTo(new SourceLocation.ByteOffset("test.evtx", secondChunk));
        assertThat(warning.message()).contains("corrupt chunk skipped").contains("checksum");
    }

    @Test
    void shouldSkipTruncatedChunkWithAWarningAndKeepEarlierChunks() {
        byte[] file = EvtxFixture.file(List.of(List.of(FIRST), List.of(SECOND)));
        byte[] truncated = Arrays.copyOf(file, file.length - 1000);

        ParseResult result = parse(truncated);

        assertThat(result.events()).hasSize(1);
        assertThat(result.issues())
                .singleElement()
                .satisfies(issue -> assertThat(issue.message()).contains("truncated chunk"));
    }

    @Test
    void shouldReportABadRecordAtItsOffsetAndReadTheRestOfTheChunk() {
        byte[] file = EvtxFixture.file(List.of(List.of(FIRST, SECOND)));
        int firstRecord = EvtxParser.FILE_HEADER_SIZE + 512;
        file[firstRecord + 24 + 4] = (byte) 0x7F; // the template instance token becomes an unknown token
        EvtxFixture.fixChecksums(file, 0);

        ParseResult result = parse(file);

        assertThat(result.errorCount()).isEqualTo(1);
        assertThat(result.issues().getFirst().location())
                .isEqualTo(new SourceLocation.ByteOffset("test.evtx", firstRecord));
        assertThat(result.events()).extracting(e -> e.field("EventRecordID")).containsExactly("42");
    }

    @Test
    void shouldRejectInputWithoutTheFileSignatureAsAnErrorAtOffsetZero() {
        ParseResult result = parse("{\"Event\":{}}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(result.events()).isEmpty();
        assertThat(result.issues())
                .singleElement()
                .satisfies(
                        issue -> assertThat(issue.location()).isEqualTo(new SourceLocation.ByteOffset("test.evtx", 0)));
    }

    @Test
    void shouldStreamAGibibyteFileChunkByChunk() {
        byte[] file = EvtxFixture.file(List.of(List.of(FIRST, SECOND, THIRD)));
        int chunks = 16_384;
        AtomicLong events = new AtomicLong();
        AtomicLong issues = new AtomicLong();

        parser.parse(repeatChunk(file, chunks), TestContexts.offline("big.evtx"), outcome -> {
            switch (outcome) {
                case io.vigil.telemetry.ParseOutcome.Parsed ignored -> events.incrementAndGet();
                case io.vigil.telemetry.ParseOutcome.Failed ignored -> issues.incrementAndGet();
            }
        });

        assertThat(issues).hasValue(0);
        assertThat(events).hasValue(3L * chunks);
    }

    /** A 1 GiB input made of one chunk repeated, produced lazily so the test itself holds 64 KiB. */
    private static InputStream repeatChunk(byte[] file, int chunks) {
        return new InputStream() {
            private long position;
            private final long length = EvtxParser.FILE_HEADER_SIZE + (long) chunks * EvtxParser.CHUNK_SIZE;

            @Override
            public int read() {
                if (position >= length) {
                    return -1;
                }
                return file[index(position++)] & 0xFF;
            }

            @Override
            public int read(byte[] buffer, int offset, int count) {
                if (position >= length) {
                    return -1;
                }
                int n = (int) Math.min(count, length - position);
                for (int i = 0; i < n; ) {
                    int from = index(position);
                    int run = Math.min(n - i, file.length - from);
                    System.arraycopy(file, from, buffer, offset + i, run);
                    i += run;
                    position += run;
                }
                return n;
            }

            private int index(long at) {
                if (at < EvtxParser.FILE_HEADER_SIZE) {
                    return (int) at;
                }
                return EvtxParser.FILE_HEADER_SIZE + (int) ((at - EvtxParser.FILE_HEADER_SIZE) % EvtxParser.CHUNK_SIZE);
            }
        };
    }

    private ParseResult parse(byte[] bytes) {
        return parser.parseAll(new ByteArrayInputStream(bytes), TestContexts.offline("test.evtx"));
    }
}
