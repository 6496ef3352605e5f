package io.vigil.telemetry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A compact binary form of a {@link CanonicalEvent}, for the durable telemetry log (a SQLite or
 * PostgreSQL table, or a Kafka topic). It is versioned by its first byte so that a newer server can
 * still read records an older one appended; {@link #decode} refuses any other version with a precise
 * message rather than guessing.
 *
 * <p>Layout (version 1), all strings as a var-length byte count then UTF-8 bytes: version, tenant,
 * asset, event id, event time (epoch second as 8 bytes, nano as a var-length integer), receive time, format name, origin kind (W, L, O)
 * and its parts, Sigma category (empty = absent), field count, name/value pairs, raw record.
 */
public final class EventCodec {

    private static final int VERSION = 1;

    private EventCodec() {}

    /**
     * Encodes an event.
     *
     * @param event the event
     * @return its bytes
     */
    public static byte[] encode(CanonicalEvent event) {
        EventEnvelope e = event.envelope();
        FieldMap fields = FieldMap.copyOf(event.fields()); // always a FieldMap already: no copy
        // The exact size when every string is ASCII (nearly every event): the buffer is then filled
        // exactly and handed out without the copies a growing buffer needs; other text grows it.
        int size = 1
                + Writer.sizeOf(e.tenant().value())
                + Writer.sizeOf(e.asset().value())
                + Writer.sizeOf(e.id().value())
                + Writer.instantSize(e.eventTime())
                + Writer.instantSize(e.receiveTime())
                + Writer.sizeOf(e.format().name())
                + 1;
        size += switch (e.origin()) {
            case EventOrigin.Windows w ->
                Writer.sizeOf(w.channel()) + Writer.sizeOf(w.provider()) + Writer.varIntSize(w.eventId());
            case EventOrigin.Linux l -> Writer.sizeOf(l.source()) + Writer.sizeOf(l.recordType());
            case EventOrigin.Other o -> Writer.sizeOf(o.source()) + Writer.sizeOf(o.kind());
        };
        size += Writer.sizeOf(e.sigmaCategory()) + Writer.varIntSize(fields.size()) + Writer.sizeOf(event.raw());
        for (int i = 0; i < fields.size(); i++) {
            size += Writer.sizeOf(fields.name(i)) + Writer.sizeOf(fields.valueAt(i));
        }
        Writer out = new Writer(size);
        out.writeByte(VERSION);
        out.writeString(e.tenant().value());
        out.writeString(e.asset().value());
        out.writeString(e.id().value());
        out.writeInstant(e.eventTime());
        out.writeInstant(e.receiveTime());
        out.writeString(e.format().name());
        switch (e.origin()) {
            case EventOrigin.Windows w -> {
                out.writeByte('W');
                out.writeString(w.channel());
                out.writeString(w.provider());
                out.writeVarInt(w.eventId());
            }
            case EventOrigin.Linux l -> {
                out.writeByte('L');
                out.writeString(l.source());
                out.writeString(l.recordType());
            }
            case EventOrigin.Other o -> {
                out.writeByte('O');
                out.writeString(o.source());
                out.writeString(o.kind());
            }
        }
        String category = e.sigmaCategory();
        out.writeString(category == null ? "" : category);
        out.writeVarInt(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            out.writeString(fields.name(i));
            out.writeString(Objects.requireNonNull(fields.valueAt(i), fields.name(i)));
        }
        out.writeString(event.raw());
        return out.toByteArray();
    }

    /**
     * Decodes an event encoded by {@link #encode}.
     *
     * @param bytes the encoded event
     * @return the event
     * @throws TelemetryException (not retriable) when the bytes are not an encoded event, with what
     *     is wrong and at which offset
     */
    public static CanonicalEvent decode(byte[] bytes) {
        Reader in = new Reader(bytes);
        try {
            int version = in.readByte();
            if (version != VERSION) {
                throw new TelemetryException(
                        "encoded event has version " + version + "; this build reads version " + VERSION, false);
            }
            TenantId tenant = new TenantId(in.readString());
            AssetId asset = new AssetId(in.readString());
            EventId id = new EventId(in.readString());
            Instant eventTime = in.readInstant();
            Instant receiveTime = in.readInstant();
            SourceFormat format = SourceFormat.valueOf(in.readString());
            int kind = in.readByte();
            EventOrigin origin = switch (kind) {
                case 'W' -> new EventOrigin.Windows(in.readString(), in.readString(), in.readVarInt());
                case 'L' -> new EventOrigin.Linux(in.readString(), in.readString());
                case 'O' -> new EventOrigin.Other(in.readString(), in.readString());
                default -> throw new IllegalArgumentException("unknown origin kind " + kind);
            };
            String category = in.readString();
            int count = in.readVarInt();
            if (count > bytes.length) {
                throw new IllegalArgumentException("field count " + count + " exceeds the record");
            }
            FieldMap.Builder fields = FieldMap.builder(count);
            for (int i = 0; i < count; i++) {
                fields.put(in.readString(), in.readString());
            }
            String raw = in.readString();
            if (in.remaining() != 0) {
                throw new IllegalArgumentException(in.remaining() + " trailing bytes");
            }
            @Nullable String sigmaCategory = category.isEmpty() ? null : category;
            return new CanonicalEvent(
                    new EventEnvelope(tenant, asset, id, eventTime, receiveTime, format, origin, sigmaCategory),
                    fields.build(),
                    raw);
        } catch (Truncated e) {
            throw new TelemetryException("encoded event is truncated at byte " + in.position, e, false);
        } catch (TelemetryException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TelemetryException(
                    "encoded event is malformed at byte " + in.position + ": " + e.getMessage(), e, false);
        }
    }

    /** A growable byte array without the locking of {@link java.io.ByteArrayOutputStream}. */
    private static final class Writer {
        private byte[] buffer;
        private int size;

        Writer(int capacity) {
            buffer = new byte[capacity];
        }

        private void ensure(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }

        void writeByte(int b) {
            ensure(1);
            buffer[size++] = (byte) b;
        }

        void writeVarInt(int value) {
            ensure(5);
            int v = value;
            while ((v & ~0x7F) != 0) {
                buffer[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buffer[size++] = (byte) v;
        }

        void writeLong(long v) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buffer[size++] = (byte) (v >>> shift);
            }
        }

        void writeInstant(Instant instant) {
            writeLong(instant.getEpochSecond());
            writeVarInt(instant.getNano());
        }

        void writeString(String s) {
            // String.getBytes(UTF_8) copies an ASCII string's bytes with a vectorised intrinsic; a
            // loop over charAt was the costliest step of the log append (JFR, 2026-11-28).
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            writeVarInt(utf8.length);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, buffer, size, utf8.length);
            size += utf8.length;
        }

        byte[] toByteArray() {
            return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
        }

        /** The bytes {@link #writeString} takes for an ASCII string: its length's varint and its chars. */
        static int sizeOf(@Nullable String s) {
            int n = s == null ? 0 : s.length();
            return n + varIntSize(n);
        }

        /** The bytes {@link #writeInstant} takes: the seconds in 8, the nanoseconds as a varint. */
        @SuppressWarnings("JavaInstantGetSecondsGetNano") // the nanosecond part is what is written
        static int instantSize(Instant instant) {
            return 8 + varIntSize(instant.getNano());
        }

        /** The bytes {@link #writeVarInt} takes for {@code value} (5 for a negative one). */
        static int varIntSize(int value) {
            return value < 0
                    ? 5
                    : value < 1 << 7 ? 1 : value < 1 << 14 ? 2 : value < 1 << 21 ? 3 : value < 1 << 28 ? 4 : 5;
        }
    }

    /** Signals that the bytes ended inside a value. */
    private static final class Truncated extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Truncated() {
            super("truncated", null, false, false);
        }
    }

    /** Reads what {@link Writer} wrote, checking every length against the bytes left. */
    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int remaining() {
            return bytes.length - position;
        }

        int readByte() {
            if (position >= bytes.length) {
                throw new Truncated();
            }
            return bytes[position++] & 0xFF;
        }

        int readVarInt() {
            int value = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int b = readByte();
                value |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    if (value < 0) {
                        throw new IllegalArgumentException("negative length");
                    }
                    return value;
                }
            }
            throw new IllegalArgumentException("variable-length integer longer than 5 bytes");
        }

        long readLong() {
            if (remaining() < 8) {
                position = bytes.length;
                throw new Truncated();
            }
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (bytes[position++] & 0xFF);
            }
            return v;
        }

        Instant readInstant() {
            long seconds = readLong();
            int nanos = readVarInt();
            return Instant.ofEpochSecond(seconds, nanos);
        }

        String readString() {
            int length = readVarInt();
            if (length > remaining()) {
                position = bytes.length;
                throw new Truncated();
            }
            String s = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return s;
        }
    }
}
