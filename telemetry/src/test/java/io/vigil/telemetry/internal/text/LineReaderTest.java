package io.vigil.telemetry.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    @Test
    void shouldSplitLfAndCrLfLinesDropABomAndKeepALastLineWithoutTerminator() {
        List<LineReader.Line> lines = read("\uFEFFfirst\r\nsecond\n\nlast", 100);

        assertThat(lines).extracting(LineReader.Line::text).containsExactly("first", "second", "", "last");
        assertThat(lines).extracting(LineReader.Line::number).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void shouldFlagAnOverlongLineAndResumeAtTheNextOne() {
        List<LineReader.Line> lines = read("x".repeat(200_000) + "\nshort\n", 1000);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).tooLong()).isTrue();
        assertThat(lines.get(0).text()).isEmpty();
        assertThat(lines.get(1).text()).isEqualTo("short");
        assertThat(lines.get(1).number()).isEqualTo(2);
    }

    @Test
    void shouldDecodeMultiByteCharactersSplitAcrossReadBuffers() {
        String text = "a".repeat(65535) + "é€😀";

        assertThat(read(text + "\n", 1_000_000))
                .singleElement()
                .satisfies(line -> assertThat(line.text()).isEqualTo(text));
    }

    private static List<LineReader.Line> read(String text, int maxLine) {
        LineReader reader =
                new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t", maxLine);
        List<LineReader.Line> lines = new ArrayList<>();
        for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
            lines.add(line);
        }
        return lines;
    }
}
