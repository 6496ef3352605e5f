package io.vigil.telemetry.internal.evtx;

import io.vigil.telemetry.EventParser;
import io.vigil.telemetry.ParseContext;
import io.vigil.telemetry.ParseOutcome;
import io.vigil.telemetry.SourceFormat;
import io.vigil.telemetry.SourceLocation;
import io.vigil.telemetry.TelemetryException;
import io.vigil.telemetry.internal.MalformedRecordException;
import io.vigil.telemetry.internal.Outcomes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Streams an EVTX file: checks the 4 KiB file header (versions 3.1 and 3.2), then reads one 64 KiB
 * chunk at a time, so memory stays constant however large the file is. A chunk with a bad signature,
 * a bad header or data checksum, or cut short by the end of the file is skipped with a warning at its
 * offset; unused (all-zero) chunks are skipped silently; a bad record is an error at its offset.
 */
public final class EvtxParser implements EventParser {
    static final int FILE_HEADER_SIZE = 4096;
    static final int CHUNK_SIZE = 65536;
    private static final byte[] FILE_SIGNATURE = "ElfFile\0".getBytes(StandardCharsets.US_ASCII);

    @Override
    public SourceFormat format() {
        return SourceFormat.EVTX;
    }

    @Override
    public void parse(InputStream input, ParseContext context, Consumer<ParseOutcome> sink) {
        String source = context.sourceName();
        byte[] header = read(input, FILE_HEADER_SIZE, source);
        if (!checkFileHeader(header, source, sink)) {
            return;
        }
        EvtxChunkReader chunkReader = new EvtxChunkReader(context, sink);
        byte[] chunk = new byte[CHUNK_SIZE];
        long offset = FILE_HEADER_SIZE;
        while (true) {
            int length = readInto(input, chunk, source);
            if (length == 0) {
                return;
            }
            if (length < CHUNK_SIZE) {
                if (!allZero(chunk, length)) {
                    Outcomes.warning(
                            sink,
                            new SourceLocation.ByteOffset(source, offset),
                            "truncated chunk skipped: only " + length + " of " + CHUNK_SIZE + " bytes present");
                }
                return;
            }
            chunkReader.read(chunk, offset);
            offset += CHUNK_SIZE;
        }
    }

    private static boolean checkFileHeader(byte[] header, String source, Consumer<ParseOutcome> sink) {
        SourceLocation start = new SourceLocation.ByteOffset(source, 0);
        if (header.length < 128 || !Arrays.equals(header, 0, 8, FILE_SIGNATURE, 0, 8)) {
            Outcomes.error(sink, start, "not an EVTX file: missing ElfFile signature");
            return false;
        }
        try {
            int minor = Bytes.u16(header, 36, header.length);
            int major = Bytes.u16(header, 38, header.length);
            if (major != 3 || (minor != 1 && minor != 2)) {
                Outcomes.warning(sink, start, "unexpected EVTX version " + major + "." + minor + "; reading anyway");
            }
            CRC32 crc = new CRC32();
            crc.update(header, 0, 120);
            if (crc.getValue() != Bytes.u32(header, 124, header.length)) {
                Outcomes.warning(sink, start, "file header checksum mismatch; reading the chunks anyway");
            }
        } catch (MalformedRecordException e) {
            Outcomes.warning(sink, start, "file header: " + e.reason());
        }
        if (header.length < FILE_HEADER_SIZE) {
            Outcomes.warning(sink, start, "file ends inside its header (" + header.length + " bytes)");
        }
        return true;
    }

    private static boolean allZero(byte[] data, int length) {
        for (int i = 0; i < length; i++) {
            if (data[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] read(InputStream input, int length, String source) {
        try {
            return input.readNBytes(length);
        } catch (IOException e) {
            throw new TelemetryException("cannot read " + source, e, true);
        }
    }

    private static int readInto(InputStream input, byte[] buffer, String source) {
        try {
            return input.readNBytes(buffer, 0, buffer.length);
        } catch (IOException e) {
            throw new TelemetryException("cannot read " + source, e, true);
        }
    }
}
