package io.vigil.telemetry.internal.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.telemetry.ParseResult;
import io.vigil.telemetry.ParserProperties;
import io.vigil.telemetry.internal.evtx.EvtxFixture.FixtureRecord;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class EvtxParserProperties {
    private static final byte[] VALID = EvtxFixture.file(List.of(
            List.of(new FixtureRecord(1, "host", "a.exe"), new FixtureRecord(2, "host", "b.exe")),
            List.of(new FixtureRecord(3, "host", "c.exe"))));

    @Property(tries = 200)
    void shouldNeverThrowOnArbitraryBytes(@ForAll @Size(max = 5000) byte[] input) {
        ParseResult result = ParserProperties.parseSafely(new EvtxParser(), input);

        assertThat(result.events()).isEmpty();
        assertThat(result.issues()).isNotEmpty();
    }

    @Property(tries = 200)
    void shouldNeverThrowOnArbitraryChunksBehindAValidFileHeader(@ForAll @Size(max = 70_000) byte[] body) {
        byte[] input = Arrays.copyOf(VALID, EvtxParser.FILE_HEADER_SIZE + body.length);
        System.arraycopy(body, 0, input, EvtxParser.FILE_HEADER_SIZE, body.length);

        ParserProperties.parseSafely(new EvtxParser(), input);
    }

    /** Mutations with the checksums repaired reach the binary XML reader, the most exposed code. */
    @Property(tries = 400)
    void shouldLocateEveryProblemInAMutatedFileWithRepairedChecksums(
            @ForAll @IntRange(min = 512, max = 2500) int position,
            @ForAll byte value,
            @ForAll @IntRange(min = 1, max = 8) int run) {
        byte[] input = VALID.clone();
        for (int i = 0; i < run; i++) {
            input[EvtxParser.FILE_HEADER_SIZE + position + i] = (byte) (value + i * 31);
        }
        EvtxFixture.fixChecksums(input, 0);

        ParseResult result = ParserProperties.parseSafely(new EvtxParser(), input);

        assertThat(result.events().size() + result.issues().size()).isGreaterThanOrEqualTo(1);
        assertThat(result.events())
                .anySatisfy(e -> assertThat(e.field("CommandLine")).isEqualTo("c.exe"));
    }
}
