package io.vigil.telemetry.internal.otlp;

import io.vigil.telemetry.internal.MalformedRecordException;
import java.nio.charset.StandardCharsets;

/** A minimal, bounds-checked protobuf wire-format reader over a byte range. */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final byte[] data;
    private int position;
    private final int limit;
    private int tag;

    ProtoReader(byte[] data, int start, int limit) {
        this.data = data;
        this.position = start;
        this.limit = limit;
    }

    int position() {
        return position;
    }

    /** Reads the next tag; returns false at the end of the range. */
    boolean next() {
        if (position >= limit) {
            return false;
        }
        long value = varint();
        if (value > Integer.MAX_VALUE || (value >>> 3) == 0) {
            throw new MalformedRecordException("invalid protobuf tag at byte " + position);
        }
        tag = (int) value;
        return true;
    }

    int field() {
        return tag >>> 3;
    }

    int wireType() {
        return tag & 7;
    }

    long varint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= limit) {
                throw new MalformedRecordException("truncated protobuf varint at byte " + position);
            }
            byte b = data[position++];
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new MalformedRecordException("protobuf varint longer than 10 bytes at byte " + position);
    }

    long fixed64() {
        require(8);
        long result = 0;
        for (int i = 7; i >= 0; i--) {
            result = result << 8 | (data[position + i] & 0xFFL);
        }
        position += 8;
        return result;
    }

    /** Reads a length-delimited field and returns a reader over its bytes. */
    ProtoReader message() {
        int length = length();
        ProtoReader nested = new ProtoReader(data, position, position + length);
        position += length;
        return nested;
    }

    String string() {
        int length = length();
        String text = new String(data, position, length, StandardCharsets.UTF_8);
        position += length;
        return text;
    }

    byte[] bytes() {
        int length = length();
        byte[] out = java.util.Arrays.copyOfRange(data, position, position + length);
        position += length;
        return out;
    }

    /** Skips the current field's value. */
    void skip() {
        switch (wireType()) {
            case VARINT -> varint();
            case FIXED64 -> {
                require(8);
                position += 8;
            }
            case LENGTH_DELIMITED -> position += length();
            case FIXED32 -> {
                require(4);
                position += 4;
            }
            default ->
                throw new MalformedRecordException(
                        "unsupported protobuf wire type " + wireType() + " at byte " + position);
        }
    }

    /** Checks that the current field has the expected wire type. */
    void expect(int wireType) {
        if (wireType() != wireType) {
            throw new MalformedRecordException("protobuf field " + field() + " has wire type " + wireType()
                    + ", expected " + wireType + " (byte " + position + ")");
        }
    }

    private int length() {
        expect(LENGTH_DELIMITED);
        long length = varint();
        if (length < 0 || length > limit - position) {
            throw new MalformedRecordException(
                    "protobuf length " + length + " runs past its message at byte " + position);
        }
        return (int) length;
    }

    private void require(int bytes) {
        if (limit - position < bytes) {
            throw new MalformedRecordException("truncated protobuf field at byte " + position);
        }
    }
}
