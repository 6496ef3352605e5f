package io.vigil.telemetry.internal.text;

import io.vigil.telemetry.TelemetryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Reads UTF-8 lines (LF or CRLF) with a length limit, so a file without line breaks cannot exhaust
 * memory: the rest of an over-long line is skipped and reported by {@link Line#tooLong()}.
 */
public final class LineReader {
    /** The longest line kept by default. */
    public static final int DEFAULT_MAX_LINE = 16 * 1024 * 1024;

    private final InputStream input;
    private final String source;
    private final int maxLine;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
    private final byte[] chunk = new byte[65536];
    private int position;
    private int limit;
    private long lineNumber;

    /**
     * One line of input.
     *
     * @param number the 1-based line number
     * @param text the line without its terminator (empty when too long)
     * @param tooLong whether the line exceeded the limit and was skipped
     */
    public record Line(long number, String text, boolean tooLong) {}

    /**
     * Creates a reader.
     *
     * @param input the bytes; not closed by the reader
     * @param source the input's name, for error messages
     * @param maxLine the longest line kept, in bytes
     */
    public LineReader(InputStream input, String source, int maxLine) {
        this.input = input;
        this.source = source;
        this.maxLine = maxLine;
    }

    private boolean fill() {
        try {
            int n = input.read(chunk, 0, chunk.length);
            position = 0;
            limit = Math.max(n, 0);
            return n > 0;
        } catch (IOException e) {
            throw new TelemetryException("cannot read " + source, e, true);
        }
    }

    /**
     * Reads the next line.
     *
     * @return the line, or {@code null} at the end of the input
     * @throws TelemetryException when the input cannot be read
     */
    public @Nullable Line next() {
        buffer.reset();
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                break;
            }
            any = true;
            int start = position;
            while (position < limit && chunk[position] != '\n') {
                position++;
            }
            int length = position - start;
            int room = maxLine - buffer.size();
            if (length > room) {
                tooLong = true;
            }
            buffer.write(chunk, start, Math.min(length, Math.max(room, 0)));
            if (position < limit) {
                position++;
                break;
            }
        }
        if (!any) {
            return null;
        }
        lineNumber++;
        if (tooLong) {
            return new Line(lineNumber, "", true);
        }
        String text = buffer.toString(StandardCharsets.UTF_8);
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        if (lineNumber == 1 && text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return new Line(lineNumber, text, false);
    }
}
