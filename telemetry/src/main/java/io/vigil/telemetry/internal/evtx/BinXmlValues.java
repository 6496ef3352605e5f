package io.vigil.telemetry.internal.evtx;

import io.vigil.telemetry.internal.MalformedRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.StringJoiner;

/**
 * Renders typed substitution values as text, the way {@code evtx_dump} does: decimal integers,
 * {@code 0x…} hex integers, upper-case GUIDs without braces, {@code S-…} SIDs, ISO-8601 UTC times with
 * the full 100 ns precision (7 fraction digits, as Windows renders them; evtx_dump truncates to µs), upper-case hex for binary data; array elements are joined with commas.
 */
final class BinXmlValues {
    static final int NULL = 0x00;
    static final int STRING = 0x01;
    static final int BIN_XML = 0x21;
    static final int ARRAY = 0x80;
    private static final long FILETIME_EPOCH_OFFSET = 116_444_736_000_000_000L;
    private static final DateTimeFormatter TICKS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private BinXmlValues() {}

    static String render(byte[] data, BinXmlNode.Value value) {
        int type = value.type();
        int offset = value.offset();
        int size = value.size();
        int end = offset + size;
        if ((type & ARRAY) != 0) {
            return renderArray(data, type & ~ARRAY, offset, end);
        }
        return switch (type) {
            case NULL -> "";
            case STRING -> Bytes.utf16(data, offset, size, end);
            case 0x02 -> ansi(data, offset, end);
            default -> renderScalar(data, type, offset, size, end);
        };
    }

    private static String renderArray(byte[] data, int type, int offset, int end) {
        StringJoiner joined = new StringJoiner(",");
        if (type == STRING) {
            int start = offset;
            for (int i = offset; i + 1 < end; i += 2) {
                if (data[i] == 0 && data[i + 1] == 0) {
                    joined.add(Bytes.utf16(data, start, i - start, end));
                    start = i + 2;
                }
            }
            if (start + 1 < end) {
                joined.add(Bytes.utf16(data, start, end - start, end));
            }
            return joined.toString();
        }
        int width = width(type, end - offset);
        if (width <= 0) {
            throw new MalformedRecordException("array of unsupported value type 0x" + Integer.toHexString(type));
        }
        for (int i = offset; i + width <= end; i += width) {
            joined.add(renderScalar(data, type, i, width, i + width));
        }
        return joined.toString();
    }

    private static int width(int type, int total) {
        return switch (type) {
            case 0x03, 0x04 -> 1;
            case 0x05, 0x06 -> 2;
            case 0x07, 0x08, 0x0B, 0x0D, 0x14 -> 4;
            case 0x09, 0x0A, 0x0C, 0x11, 0x15 -> 8;
            case 0x0F, 0x12 -> 16;
            case 0x10 -> total % 8 == 0 ? 8 : 4;
            default -> -1;
        };
    }

    private static String renderScalar(byte[] data, int type, int offset, int size, int end) {
        return switch (type) {
            case 0x03 -> Integer.toString((byte) Bytes.u8(data, offset, end));
            case 0x04 -> Integer.toString(Bytes.u8(data, offset, end));
            case 0x05 -> Integer.toString((short) Bytes.u16(data, offset, end));
            case 0x06 -> Integer.toString(Bytes.u16(data, offset, end));
            case 0x07 -> Integer.toString((int) Bytes.u32(data, offset, end));
            case 0x08 -> Long.toString(Bytes.u32(data, offset, end));
            case 0x09 -> Long.toString(Bytes.u64(data, offset, end));
            case 0x0A -> Long.toUnsignedString(Bytes.u64(data, offset, end));
            case 0x0B -> Float.toString(Float.intBitsToFloat((int) Bytes.u32(data, offset, end)));
            case 0x0C -> Double.toString(Double.longBitsToDouble(Bytes.u64(data, offset, end)));
            case 0x0D -> Bytes.u32(data, offset, end) != 0 ? "true" : "false";
            case 0x0F -> guid(data, offset, end);
            case 0x10 ->
                "0x" + Long.toHexString(size >= 8 ? Bytes.u64(data, offset, end) : Bytes.u32(data, offset, end));
            case 0x11 -> filetime(Bytes.u64(data, offset, end));
            case 0x12 -> systemtime(data, offset, end);
            case 0x13 -> sid(data, offset, end);
            case 0x14 -> "0x" + Long.toHexString(Bytes.u32(data, offset, end));
            case 0x15 -> "0x" + Long.toHexString(Bytes.u64(data, offset, end));
            default -> {
                Bytes.check(data, offset, size, end);
                yield HEX.formatHex(data, offset, offset + size);
            }
        };
    }

    private static String ansi(byte[] data, int offset, int end) {
        int stop = end;
        while (stop > offset && data[stop - 1] == 0) {
            stop--;
        }
        return new String(data, offset, stop - offset, StandardCharsets.ISO_8859_1);
    }

    static String guid(byte[] data, int offset, int end) {
        Bytes.check(data, offset, 16, end);
        StringBuilder out = new StringBuilder(36);
        for (int i = 3; i >= 0; i--) {
            HEX.toHexDigits(out, data[offset + i]);
        }
        out.append('-');
        HEX.toHexDigits(out, data[offset + 5]);
        HEX.toHexDigits(out, data[offset + 4]);
        out.append('-');
        HEX.toHexDigits(out, data[offset + 7]);
        HEX.toHexDigits(out, data[offset + 6]);
        out.append('-');
        out.append(HEX.formatHex(data, offset + 8, offset + 10)).append('-');
        return out.append(HEX.formatHex(data, offset + 10, offset + 16)).toString();
    }

    static String filetime(long ticks) {
        long sinceEpoch = ticks - FILETIME_EPOCH_OFFSET;
        Instant instant = Instant.ofEpochSecond(
                Math.floorDiv(sinceEpoch, 10_000_000L), Math.floorMod(sinceEpoch, 10_000_000L) * 100);
        return TICKS.format(instant);
    }

    private static String systemtime(byte[] data, int offset, int end) {
        Bytes.check(data, offset, 16, end);
        try {
            LocalDateTime time = LocalDateTime.of(
                    Bytes.u16(data, offset, end),
                    Bytes.u16(data, offset + 2, end),
                    Bytes.u16(data, offset + 6, end),
                    Bytes.u16(data, offset + 8, end),
                    Bytes.u16(data, offset + 10, end),
                    Bytes.u16(data, offset + 12, end),
                    Bytes.u16(data, offset + 14, end) * 1_000_000);
            return TICKS.format(time.toInstant(ZoneOffset.UTC));
        } catch (java.time.DateTimeException e) {
            throw new MalformedRecordException("invalid SYSTEMTIME value at " + offset);
        }
    }

    private static String sid(byte[] data, int offset, int end) {
        int revision = Bytes.u8(data, offset, end);
        int count = Bytes.u8(data, offset + 1, end);
        Bytes.check(data, offset + 2, 6 + count * 4, end);
        long authority = 0;
        for (int i = 0; i < 6; i++) {
            authority = authority << 8 | (data[offset + 2 + i] & 0xFF);
        }
        StringBuilder out = new StringBuilder("S-").append(revision).append('-').append(authority);
        for (int i = 0; i < count; i++) {
            out.append('-').append(Bytes.u32(data, offset + 8 + i * 4, end));
        }
        return out.toString();
    }
}
