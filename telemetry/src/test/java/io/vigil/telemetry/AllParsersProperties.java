package io.vigil.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Fuzz properties for every parser: arbitrary bytes, and arbitrary text built from each format's own
 * vocabulary, never crash or hang, and every issue carries its location.
 */
class AllParsersProperties {

    @Property(tries = 150)
    void shouldSurviveArbitraryBytesInEveryFormat(@ForAll SourceFormat format, @ForAll @Size(max = 3000) byte[] input) {
        ParseResult result = ParserProperties.parseSafely(Parsers.forFormat(format), input);

        assertThat(result.events().size() + result.issues().size()).isLessThanOrEqualTo(input.length + 1);
    }

    @Property(tries = 300)
    void shouldSurviveFormatShapedTextInEveryFormat(
            @ForAll SourceFormat format, @ForAll("formatShapedText") String text) {
        ParserProperties.parseSafely(Parsers.forFormat(format), text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 100)
    void shouldReportEveryNonBlankGarbageLineOfJsonLinesAsAnError(@ForAll("garbageLines") String text) {
        ParseResult result = ParserProperties.parseSafely(
                Parsers.forFormat(SourceFormat.JSON_LINES), text.getBytes(StandardCharsets.UTF_8));

        long nonBlank = text.lines().filter(line -> !line.isBlank()).count();
        assertThat(result.events()).isEmpty();
        assertThat(result.errorCount()).isEqualTo(nonBlank);
    }

    @Property(tries = 100)
    void shouldSurviveGzippedFormatShapedTextAsAnAgentBatch(@ForAll("formatShapedText") String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream zip = new java.util.zip.GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        byte[] gzip = out.toByteArray();

        ParserProperties.parseSafely(Parsers.forFormat(SourceFormat.AGENT_NDJSON), gzip);
        ParserProperties.parseSafely(
                Parsers.forFormat(SourceFormat.AGENT_NDJSON), java.util.Arrays.copyOf(gzip, gzip.length / 2));
    }

    @Provide
    Arbitrary<String> formatShapedText() {
        Arbitrary<String> tokens = Arbitraries.of(
                "{",
                "}",
                "[",
                "]",
                ":",
                ",",
                "\"",
                "\n",
                "\r\n",
                " ",
                "<",
                ">",
                "/>",
                "</",
                "=",
                "'",
                "&amp;",
                "&#",
                "<Event>",
                "</Event>",
                "<System>",
                "<EventID>",
                "4688",
                "<TimeCreated SystemTime='",
                "2020-01-01T00:00:00Z",
                "\"EventID\"",
                "\"Channel\"",
                "\"security\"",
                "\"TimeCreated\"",
                "\"@timestamp\"",
                "\"Event\"",
                "\"#attributes\"",
                "\"winlog\"",
                "\"event_data\"",
                "type=SYSCALL",
                "type=EXECVE",
                "type=PATH",
                "type=EOE",
                "msg=audit(",
                "1700000000.1",
                ":42):",
                "a0=",
                "41424344",
                "saddr=0200",
                "argc=99999",
                "nametype=CREATE",
                "\"resourceLogs\"",
                "\"scopeLogs\"",
                "\"logRecords\"",
                "\"kvlistValue\"",
                "\"values\"",
                "\"stringValue\"",
                "\"timeUnixNano\"",
                "\"event_id\"",
                "{\"type\":\"batch\",\"schema\":\"vigil.agent/1\",\"agent\":{\"id\":\"a\"}}",
                "\"type\":\"process_start\"",
                "\"time\"",
                "\"id\"",
                "msg='",
                "null",
                "-1",
                "1e999",
                "\u0000",
                "\uFFFF",
                "\uD83D\uDE00");
        return tokens.list().ofMaxSize(200).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<String> garbageLines() {
        return Arbitraries.strings()
                .withChars("abc123 =:;'-_")
                .ofMinLength(1)
                .ofMaxLength(30)
                .list()
                .ofMaxSize(20)
                .map(lines -> String.join("\n", lines));
    }
}
