package io.vigil.telemetry.internal.evtx;

import io.vigil.telemetry.internal.evtx.EvtxFixture.FixtureRecord;
import java.util.List;

/** Lets tests outside this package build EVTX fixtures. */
public final class EvtxParserTestAccess {
    private EvtxParserTestAccess() {}

    /** {@return a three-chunk file whose second chunk fails its checksum} */
    public static byte[] fileWithCorruptSecondChunk() {
        byte[] file = EvtxFixture.file(List.of(
                List.of(new FixtureRecord(1, "h", "a")),
                List.of(new FixtureRecord(2, "h", "b")),
                List.of(new FixtureRecord(3, "h", "c"))));
        file[EvtxParser.FILE_HEADER_SIZE + EvtxParser.CHUNK_SIZE + 600] ^= 0x01;
        return file;
    }
}
