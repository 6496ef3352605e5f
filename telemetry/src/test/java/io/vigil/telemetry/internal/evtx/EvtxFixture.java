package io.vigil.telemetry.internal.evtx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes small synthetic EVTX files: a valid file header, chunks with correct checksums and records
 * whose binary XML uses one template (defined inline by the chunk's first record, referenced by the
 * others) with typed substitutions: strings, integers, FILETIME, SID, GUID, hex, string arrays,
 * binary, booleans and an optional (empty) substitution.
 */
final class EvtxFixture {
    static final long FILETIME_2026 = 134_000_000_000_000_000L + 1234567L;
    private static final int T_STRING = 0x01;
    private static final int T_UINT16 = 0x06;
    private static final int T_UINT64 = 0x0A;
    private static final int T_BOOL = 0x0D;
    private static final int T_BINARY = 0x0E;
    private static final int T_GUID = 0x0F;
    private static final int T_FILETIME = 0x11;
    private static final int T_SID = 0x13;
    private static final int T_HEX64 = 0x15;
    private static final int T_STRING_ARRAY = 0x81;

    /** One synthetic Sysmon process-creation record. */
    record FixtureRecord(long id, String computer, String commandLine) {}

    private final ByteBuffer chunk = ByteBuffer.allocate(EvtxParser.CHUNK_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    private int templateOffset = -1;
    private boolean dependencyIds = true;

    private EvtxFixture() {}

    /** Builds a whole file with one chunk per list of records. */
    static byte[] file(List<List<FixtureRecord>> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(EvtxParser.FILE_HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        header.put("ElfFile\0".getBytes(StandardCharsets.US_ASCII));
        header.putLong(0).putLong(Math.max(0, chunks.size() - 1)).putLong(1000);
        header.putInt(128).putShort((short) 2).putShort((short) 3).putShort((short) 4096);
        header.putShort((short) chunks.size());
        CRC32 crc = new CRC32();
        crc.update(header.array(), 0, 120);
        header.putInt(124, (int) crc.getValue());
        out.writeBytes(header.array());
        for (List<FixtureRecord> records : chunks) {
            out.writeBytes(new EvtxFixture().chunk(records));
        }
        return out.toByteArray();
    }

    /**
     * Builds a file with one record whose binary XML uses no template (as forwarded events can be):
     * elements without dependency ids, values as literal text tokens.
     */
    static byte[] fileWithTemplateLessRecord() {
        EvtxFixture fixture = new EvtxFixture();
        fixture.dependencyIds = false;
        ByteBuffer chunk = fixture.chunk;
        chunk.put("ElfChnk\0".getBytes(StandardCharsets.US_ASCII));
        chunk.position(512);
        int start = chunk.position();
        chunk.putInt(0x00002A2A).putInt(0).putLong(7).putLong(FILETIME_2026);
        chunk.put((byte) 0x0F).put((byte) 1).put((byte) 1).put((byte) 0);
        fixture.open("Event", false);
        fixture.open("System", false);
        fixture.textElement("EventID", "4688");
        fixture.open("TimeCreated", true);
        chunk.putInt(0).put((byte) 0x06);
        fixture.name("SystemTime");
        fixture.text("2024-01-01T00:00:00.0000000Z");
        chunk.put((byte) 0x03);
        fixture.textElement("EventRecordID", "7");
        fixture.textElement("Channel", "Security");
        fixture.textElement("Computer", "FWD01");
        fixture.close();
        fixture.open("EventData", false);
        fixture.open("Data", true);
        chunk.putInt(0).put((byte) 0x06);
        fixture.name("Name");
        fixture.text("CommandLine");
        chunk.put((byte) 0x02);
        fixture.text("whoami /priv");
        fixture.close();
        fixture.close();
        fixture.close();
        chunk.put((byte) 0x00);
        int size = chunk.position() - start + 4;
        chunk.putInt(size);
        chunk.putInt(start + 4, size);
        fixture.finishChunk(start, 7, 7);
        byte[] header = file(List.of());
        byte[] out = java.util.Arrays.copyOf(header, header.length + EvtxParser.CHUNK_SIZE);
        System.arraycopy(fixture.chunk.array(), 0, out, header.length, EvtxParser.CHUNK_SIZE);
        return out;
    }

    private void textElement(String name, String value) {
        open(name, false);
        text(value);
        close();
    }

    private void text(String value) {
        byte[] bytes = utf16(value);
        chunk.put((byte) 0x05).put((byte) 0x01).putShort((short) value.length()).put(bytes);
    }

    /** Recomputes the checksums of chunk {@code index} after a test mutated its bytes. */
    static void fixChecksums(byte[] file, int index) {
        ByteBuffer chunk = ByteBuffer.wrap(
                        file, EvtxParser.FILE_HEADER_SIZE + index * EvtxParser.CHUNK_SIZE, EvtxParser.CHUNK_SIZE)
                .slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        int free = Math.min(Math.max(chunk.getInt(48), 512), EvtxParser.CHUNK_SIZE);
        byte[] bytes = new byte[EvtxParser.CHUNK_SIZE];
        chunk.get(0, bytes);
        CRC32 data = new CRC32();
        data.update(bytes, 512, free - 512);
        chunk.putInt(52, (int) data.getValue());
        chunk.get(0, bytes);
        CRC32 header = new CRC32();
        header.update(bytes, 0, 120);
        header.update(bytes, 128, 384);
        chunk.putInt(124, (int) header.getValue());
    }

    private byte[] chunk(List<FixtureRecord> records) {
        chunk.put("ElfChnk\0".getBytes(StandardCharsets.US_ASCII));
        chunk.position(512);
        int lastRecordOffset = 512;
        for (FixtureRecord record : records) {
            lastRecordOffset = chunk.position();
            record(record);
        }
        long first = records.isEmpty() ? 0 : records.getFirst().id();
        long last = records.isEmpty() ? 0 : records.getLast().id();
        finishChunk(lastRecordOffset, first, last);
        return chunk.array();
    }

    private void finishChunk(int lastRecordOffset, long first, long last) {
        int free = chunk.position();
        chunk.putLong(8, first).putLong(16, last).putLong(24, first).putLong(32, last);
        chunk.putInt(40, 128).putInt(44, lastRecordOffset).putInt(48, free);
        CRC32 data = new CRC32();
        data.update(chunk.array(), 512, free - 512);
        chunk.putInt(52, (int) data.getValue());
        CRC32 header = new CRC32();
        header.update(chunk.array(), 0, 120);
        header.update(chunk.array(), 128, 384);
        chunk.putInt(124, (int) header.getValue());
    }

    private void record(FixtureRecord record) {
        int start = chunk.position();
        chunk.putInt(0x00002A2A).putInt(0).putLong(record.id()).putLong(FILETIME_2026);
        chunk.put((byte) 0x0F).put((byte) 1).put((byte) 1).put((byte) 0);
        chunk.put((byte) 0x0C).put((byte) 1).putInt(7);
        if (templateOffset < 0) {
            templateOffset = chunk.position() + 4;
            chunk.putInt(templateOffset);
            templateDefinition();
        } else {
            chunk.putInt(templateOffset);
        }
        values(record);
        chunk.put((byte) 0x00);
        int size = chunk.position() - start + 4;
        chunk.putInt(size);
        chunk.putInt(start + 4, size);
    }

    private void templateDefinition() {
        chunk.putInt(0).put(new byte[16]);
        int sizeAt = chunk.position();
        chunk.putInt(0);
        int bodyStart = chunk.position();
        chunk.put((byte) 0x0F).put((byte) 1).put((byte) 1).put((byte) 0);
        open("Event", false);
        open("System", false);
        emptyWithAttribute("Provider", "Name", 0, T_STRING);
        element("EventID", 1, T_UINT16);
        emptyWithAttribute("TimeCreated", "SystemTime", 2, T_FILETIME);
        element("EventRecordID", 3, T_UINT64);
        element("Channel", 4, T_STRING);
        element("Computer", 5, T_STRING);
        element("Keywords", 9, T_HEX64);
        emptyWithAttribute("Security", "UserID", 6, T_SID);
        close();
        open("EventData", false);
        data("CommandLine", 7, T_STRING, false);
        data("ProcessGuid", 8, T_GUID, false);
        data("Strings", 10, T_STRING_ARRAY, false);
        data("Blob", 11, T_BINARY, false);
        data("Signed", 12, T_BOOL, false);
        data("Optional", 13, T_STRING, true);
        close();
        close();
        chunk.put((byte) 0x00);
        chunk.putInt(sizeAt, chunk.position() - bodyStart);
    }

    private void values(FixtureRecord record) {
        byte[][] values = {
            utf16("Microsoft-Windows-Sysmon"),
            le(2, 1),
            le(8, FILETIME_2026),
            le(8, record.id()),
            utf16("Microsoft-Windows-Sysmon/Operational"),
            utf16(record.computer()),
            new byte[] {1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0},
            utf16(record.commandLine()),
            new byte[] {0x1E, 0x23, (byte) 0x97, 0x01, 0x5A, 0, 0x28, 0x69, (byte) 0xA5, 0x0B, 0, 0, 0, 0, 0x0D, 0},
            le(8, 0x8000000000000000L),
            arrayOf("one", "two"),
            new byte[] {(byte) 0xDE, (byte) 0xAD},
            le(4, 1),
            new byte[0]
        };
        int[] types = {
            T_STRING,
            T_UINT16,
            T_FILETIME,
            T_UINT64,
            T_STRING,
            T_STRING,
            T_SID,
            T_STRING,
            T_GUID,
            T_HEX64,
            T_STRING_ARRAY,
            T_BINARY,
            T_BOOL,
            0
        };
        chunk.putInt(values.length);
        for (int i = 0; i < values.length; i++) {
            chunk.putShort((short) values[i].length).put((byte) types[i]).put((byte) 0);
        }
        for (byte[] value : values) {
            chunk.put(value);
        }
    }

    private void open(String name, boolean withAttributes) {
        chunk.put((byte) (withAttributes ? 0x41 : 0x01));
        if (dependencyIds) {
            chunk.putShort((short) -1);
        }
        chunk.putInt(0);
        name(name);
        if (!withAttributes) {
            chunk.put((byte) 0x02);
        }
    }

    private void close() {
        chunk.put((byte) 0x04);
    }

    private void element(String name, int index, int type) {
        open(name, false);
        substitution(index, type, false);
        close();
    }

    private void emptyWithAttribute(String name, String attribute, int index, int type) {
        open(name, true);
        chunk.putInt(0).put((byte) 0x06);
        name(attribute);
        substitution(index, type, false);
        chunk.put((byte) 0x03);
    }

    private void data(String nameAttribute, int index, int type, boolean optional) {
        open("Data", true);
        chunk.putInt(0).put((byte) 0x06);
        name("Name");
        byte[] text = utf16(nameAttribute);
        chunk.put((byte) 0x05)
                .put((byte) 0x01)
                .putShort((short) (text.length / 2))
                .put(text);
        chunk.put((byte) 0x02);
        substitution(index, type, optional);
        close();
    }

    private void substitution(int index, int type, boolean optional) {
        chunk.put((byte) (optional ? 0x0E : 0x0D)).putShort((short) index).put((byte) type);
    }

    private void name(String name) {
        chunk.putInt(chunk.position() + 4);
        byte[] chars = utf16(name);
        chunk.putInt(0)
                .putShort((short) 0)
                .putShort((short) name.length())
                .put(chars)
                .putShort((short) 0);
    }

    private static byte[] arrayOf(String... items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String item : items) {
            out.writeBytes(utf16(item));
            out.write(0);
            out.write(0);
        }
        return out.toByteArray();
    }

    private static byte[] utf16(String text) {
        return text.getBytes(StandardCharsets.UTF_16LE);
    }

    private static byte[] le(int width, long value) {
        ByteBuffer buffer =
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
        byte[] out = new byte[width];
        System.arraycopy(buffer.array(), 0, out, 0, width);
        return out;
    }
}
