package io.vigil.telemetry.internal.evtx;

import io.vigil.telemetry.internal.MalformedRecordException;
import java.nio.charset.StandardCharsets;

/** Bounds-checked little-endian reads from a byte array; out-of-range reads are malformed input. */
final class Bytes {
    private Bytes() {}

    static void check(byte[] data, int offset, int length, int limit) {
        if (offset < 0 || length < 0 || offset > limit - length || limit > data.length) {
            throw new MalformedRecordException("read of " + length + " bytes at offset " + offset
                    + " runs past the end of its structure (" + limit + ")");
        }
    }

    static int u8(byte[] data, int offset, int limit) {
        check(data, offset, 1, limit);
        return data[offset] & 0xFF;
    }

    static int u16(byte[] data, int offset, int limit) {
        check(data, offset, 2, limit);
        return (data[offset] & 0xFF) | (data[offset + 1] & 0xFF) << 8;
    }

    static long u32(byte[] data, int offset, int limit) {
        check(data, offset, 4, limit);
        return (data[offset] & 0xFFL)
                | (data[offset + 1] & 0xFFL) << 8
                | (data[offset + 2] & 0xFFL) << 16
                | (data[offset + 3] & 0xFFL) << 24;
    }

    /** Reads an unsigned 32-bit value that must fit an int (offsets and sizes). */
    static int u32AsInt(byte[] data, int offset, int limit) {
        long value = u32(data, offset, limit);
        if (value > Integer.MAX_VALUE) {
            throw new MalformedRecordException("size or offset too large at " + offset + ": " + value);
        }
        return (int) value;
    }

    static long u64(byte[] data, int offset, int limit) {
        check(data, offset, 8, limit);
        return u32(data, offset, limit) | u32(data, offset + 4, limit) << 32;
    }

    /** Decodes UTF-16LE, dropping trailing NUL characters. */
    static String utf16(byte[] data, int offset, int byteLength, int limit) {
        check(data, offset, byteLength, limit);
        int end = offset + (byteLength & ~1);
        while (end > offset && data[end - 1] == 0 && data[end - 2] == 0) {
            end -= 2;
        }
        return new String(data, offset, end - offset, StandardCharsets.UTF_16LE);
    }
}
