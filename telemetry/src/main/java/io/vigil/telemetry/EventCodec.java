package io.vigil.telemetry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A compact binary form of a {@link CanonicalEvent}, for the durable telemetry log (a SQLite or
 * PostgreSQL table, or a Kafka topic). It is versioned by its first byte so that a newer server can
 * still read records an older one appended; {@link #decode} refuses any other version with a precise
 * message rather than guessing.
 *
 * <p>Layout (version 1), all strings as a var-length byte count then UTF-8 bytes: version, tenant,
 * asset, event id, event time (epoch second, nano), receive time, format name, origin kind (W, L, O)
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
        ByteArrayOutputStream bytes =
                new ByteArrayOutputStream(256 + event.raw().length());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            EventEnvelope e = event.envelope();
            out.writeByte(VERSION);
            writeString(out, e.tenant().value());
            writeString(out, e.asset().value());
            writeString(out, e.id().value());
            writeInstant(out, e.eventTime());
            writeInstant(out, e.receiveTime());
            writeString(out, e.format().name());
            switch (e.origin()) {
                case EventOrigin.Windows w -> {
                    out.writeByte('W');
                    writeString(out, w.channel());
                    writeString(out, w.provider());
                    writeVarInt(out, w.eventId());
                }
                case EventOrigin.Linux l -> {
                    out.writeByte('L');
                    writeString(out, l.source());
                    writeString(out, l.recordType());
                }
                case EventOrigin.Other o -> {
                    out.writeByte('O');
                    writeString(out, o.source());
                    writeString(out, o.kind());
                }
            }
            writeString(out, e.sigmaCategory() == null ? "" : e.sigmaCategory());
            writeVarInt(out, event.fields().size());
            for (Map.Entry<String, String> field : event.fields().entrySet()) {
                writeString(out, field.getKey());
                writeString(out, field.getValue());
            }
            writeString(out, event.raw());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        return bytes.toByteArray();
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
        CountingInput counting = new CountingInput(bytes);
        DataInputStream in = new DataInputStream(counting);
        try {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new TelemetryException(
                        "encoded event has version " + version + "; this build reads version " + VERSION, false);
            }
            TenantId tenant = new TenantId(readString(in));
            AssetId asset = new AssetId(readString(in));
            EventId id = new EventId(readString(in));
            Instant eventTime = readInstant(in);
            Instant receiveTime = readInstant(in);
            SourceFormat format = SourceFormat.valueOf(readString(in));
            int kind = in.readUnsignedByte();
            EventOrigin origin = switch (kind) {
                case 'W' -> new EventOrigin.Windows(readString(in), readString(in), readVarInt(in));
                case 'L' -> new EventOrigin.Linux(readString(in), readString(in));
                case 'O' -> new EventOrigin.Other(readString(in), readString(in));
                default -> throw new IllegalArgumentException("unknown origin kind " + kind);
            };
            String category = readString(in);
            int count = readVarInt(in);
            Map<String, String> fields = new LinkedHashMap<>(Math.max(4, count * 2));
            for (int i = 0; i < count; i++) {
                fields.put(readString(in), readString(in));
            }
            String raw = readString(in);
            if (counting.available() != 0) {
                throw new IllegalArgumentException(counting.available() + " trailing bytes");
            }
            @Nullable String sigmaCategory = category.isEmpty() ? null : category;
            return new CanonicalEvent(
                    new EventEnvelope(tenant, asset, id, eventTime, receiveTime, format, origin, sigmaCategory),
                    fields,
                    raw);
        } catch (EOFException e) {
            throw new TelemetryException("encoded event is truncated at byte " + counting.position(), e, false);
        } catch (IOException | RuntimeException e) {
            if (e instanceof TelemetryException te) {
                throw te;
            }
            throw new TelemetryException(
                    "encoded event is malformed at byte " + counting.position() + ": " + e.getMessage(), e, false);
        }
    }

    private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        long seconds = in.readLong();
        int nanos = in.readInt();
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        writeVarInt(out, utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = readVarInt(in);
        if (length > in.available()) {
            throw new EOFException();
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static void writeVarInt(DataOutputStream out, int value) throws IOException {
        int v = value;
        while ((v & ~0x7F) != 0) {
            out.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    private static int readVarInt(DataInputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.readUnsignedByte();
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

    /** A byte-array stream that knows where it is, for error messages. */
    private static final class CountingInput extends ByteArrayInputStream {
        CountingInput(byte[] bytes) {
            super(bytes);
        }

        int position() {
            return pos;
        }
    }
}
