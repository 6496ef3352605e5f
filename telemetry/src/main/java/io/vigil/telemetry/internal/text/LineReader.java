package io.vigil.telemetry.internal.text;

import io.vigil.telemetry.TelemetryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
    private byte[] buffer = new byte[1024];
    private int buffered;
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
     * One line of input as UTF-8 bytes, without its terminator (and without a byte order mark on
     * line 1): {@code bytes[offset, offset + length)}, valid only until the next read.
     *
     * @param number the 1-based line number
     * @param bytes the array holding the line
     * @param offset where the line starts
     * @param length the line's length in bytes (0 when too long)
     * @param tooLong whether the line exceeded the limit and was skipped
     */
    @SuppressWarnings("ArrayRecordComponent") // a view of the reader's buffer, valid until the next read
    public record Bytes(long number, byte[] bytes, int offset, int length, boolean tooLong) {
        /** The line decoded from UTF-8 (malformed sequences become U+FFFD). */
        public String text() {
            return new String(bytes, offset, length, StandardCharsets.UTF_8);
        }
    }

    /**
     * Reads the next line.
     *
     * @return the line, or {@code null} at the end of the input
     * @throws TelemetryException when the input cannot be read
     */
    public @Nullable Line next() {
        Bytes line = nextBytes();
        if (line == null) {
            return null;
        }
        return new Line(line.number(), line.tooLong() ? "" : line.text(), line.tooLong());
    }

    /**
     * Reads the next line without decoding it: a line that lies within one read of the input is not
     * even copied.
     *
     * @return the line, valid until the next call, or {@code null} at the end of the input
     * @throws TelemetryException when the input cannot be read
     */
    public @Nullable Bytes nextBytes() {
        if (position == limit && !fill()) {
            return null;
        }
        lineNumber++;
        int start = position;
        while (position < limit && chunk[position] != '\n') {
            position++;
        }
        if (position < limit) { // the whole line is in the chunk
            int end = position++;
            if (end - start > maxLine) {
                return new Bytes(lineNumber, chunk, start, 0, true);
            }
            return line(chunk, start, end - start);
        }
        buffered = 0;
        boolean tooLong = false;
        while (true) {
            int length = position - start;
            int room = maxLine - buffered;
            if (length > room) {
                tooLong = true;
            }
            append(start, Math.min(length, Math.max(room, 0)));
            if (position < limit) {
                position++;
                break;
            }
            if (!fill()) {
                break;
            }
            start = 0;
            while (position < limit && chunk[position] != '\n') {
                position++;
            }
        }
        if (tooLong) {
            return new Bytes(lineNumber, buffer, 0, 0, true);
        }
        return line(buffer, 0, buffered);
    }

    private Bytes line(byte[] bytes, int offset, int length) {
        int from = offset;
        int end = offset + length;
        if (end > from && bytes[end - 1] == '\r') {
            end--;
        }
        if (lineNumber == 1
                && end - from >= 3
                && bytes[from] == (byte) 0xEF
                && bytes[from + 1] == (byte) 0xBB
                && bytes[from + 2] == (byte) 0xBF) {
            from += 3;
        }
        return new Bytes(lineNumber, bytes, from, end - from, false);
    }

    private void append(int from, int length) {
        if (length <= 0) {
            return;
        }
        if (buffered + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, buffered + length));
        }
        System.arraycopy(chunk, from, buffer, buffered, length);
        buffered += length;
    }
}
