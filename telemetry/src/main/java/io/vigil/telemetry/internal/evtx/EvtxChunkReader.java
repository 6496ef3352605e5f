package io.vigil.telemetry.internal.evtx;

import io.vigil.telemetry.ParseContext;
import io.vigil.telemetry.ParseOutcome;
import io.vigil.telemetry.SourceFormat;
import io.vigil.telemetry.SourceLocation;
import io.vigil.telemetry.internal.MalformedRecordException;
import io.vigil.telemetry.internal.Outcomes;
import io.vigil.telemetry.internal.windows.WindowsEvents;
import io.vigil.telemetry.internal.windows.XmlElement;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/** Validates one 64 KiB chunk and turns its event records into canonical events. */
final class EvtxChunkReader {
    private static final byte[] CHUNK_SIGNATURE = "ElfChnk\0".getBytes(StandardCharsets.US_ASCII);
    private static final int CHUNK_HEADER_SIZE = 512;
    private static final int RECORD_SIGNATURE = 0x00002A2A;
    private static final int RECORD_HEADER_SIZE = 24;

    private final ParseContext context;
    private final Consumer<ParseOutcome> sink;

    EvtxChunkReader(ParseContext context, Consumer<ParseOutcome> sink) {
        this.context = context;
        this.sink = sink;
    }

    void read(byte[] chunk, long fileOffset) {
        if (!Arrays.equals(chunk, 0, 8, CHUNK_SIGNATURE, 0, 8)) {
            if (!isZero(chunk)) {
                skip(fileOffset, "corrupt chunk skipped: missing ElfChnk signature");
            }
            return;
        }
        long freeSpace = Bytes.u32(chunk, 48, chunk.length);
        if (freeSpace < CHUNK_HEADER_SIZE || freeSpace > chunk.length) {
            skip(fileOffset, "corrupt chunk skipped: free space offset " + freeSpace + " out of range");
            return;
        }
        CRC32 headerCrc = new CRC32();
        headerCrc.update(chunk, 0, 120);
        headerCrc.update(chunk, 128, CHUNK_HEADER_SIZE - 128);
        if (headerCrc.getValue() != Bytes.u32(chunk, 124, chunk.length)) {
            skip(fileOffset, "corrupt chunk skipped: chunk header checksum mismatch");
            return;
        }
        CRC32 dataCrc = new CRC32();
        dataCrc.update(chunk, CHUNK_HEADER_SIZE, (int) freeSpace - CHUNK_HEADER_SIZE);
        if (dataCrc.getValue() != Bytes.u32(chunk, 52, chunk.length)) {
            skip(fileOffset, "corrupt chunk skipped: event records checksum mismatch");
            return;
        }
        readRecords(chunk, (int) freeSpace, fileOffset);
    }

    private void readRecords(byte[] chunk, int end, long fileOffset) {
        BinXmlParser parser = new BinXmlParser(chunk);
        BinXmlRenderer renderer = new BinXmlRenderer(chunk, parser);
        int offset = CHUNK_HEADER_SIZE;
        while (offset + RECORD_HEADER_SIZE <= end) {
            SourceLocation location = new SourceLocation.ByteOffset(context.sourceName(), fileOffset + offset);
            if (Bytes.u32(chunk, offset, end) != RECORD_SIGNATURE) {
                Outcomes.warning(sink, location, "rest of chunk skipped: no event record signature");
                return;
            }
            long size = Bytes.u32(chunk, offset + 4, end);
            if (size < RECORD_HEADER_SIZE + 4 || size > end - offset) {
                Outcomes.warning(sink, location, "rest of chunk skipped: record size " + size + " out of range");
                return;
            }
            int recordEnd = offset + (int) size;
            try {
                XmlElement document = renderer.render(offset + RECORD_HEADER_SIZE, recordEnd - 4);
                XmlElement event = document.child("Event");
                if (event == null) {
                    throw new MalformedRecordException("record holds no Event element");
                }
                Outcomes.event(sink, WindowsEvents.toCanonical(event, SourceFormat.EVTX, context, event.toXml()));
            } catch (MalformedRecordException e) {
                parser.reset();
                Outcomes.error(sink, location, "event record " + Bytes.u64(chunk, offset + 8, end) + ": " + e.reason());
            }
            offset = recordEnd;
        }
    }

    private void skip(long fileOffset, String message) {
        Outcomes.warning(sink, new SourceLocation.ByteOffset(context.sourceName(), fileOffset), message);
    }

    private static boolean isZero(byte[] chunk) {
        for (byte b : chunk) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
