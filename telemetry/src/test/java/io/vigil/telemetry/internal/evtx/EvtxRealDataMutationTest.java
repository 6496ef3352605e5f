package io.vigil.telemetry.internal.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.telemetry.ParseResult;
import io.vigil.telemetry.ParserProperties;
import io.vigil.telemetry.SharedData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing on real EVTX files (read from the shared data set, never copied): random byte runs
 * inside the records of the first chunk, checksums repaired so the binary XML reader sees them. The
 * seed is fixed so a failure reproduces.
 */
class EvtxRealDataMutationTest {
    private static final int FILES = 10;
    private static final int MUTATIONS_PER_FILE = 60;

    @Test
    void shouldNeverCrashHangOrLoseLocationsOnMutatedRealFiles() throws IOException {
        Path root = SharedData.require("datasets/sigma/regression_data");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> all =
                    walk.filter(p -> p.toString().endsWith(".evtx")).sorted().toList();
            files = IntStream.range(0, FILES)
                    .mapToObj(i -> all.get(i * all.size() / FILES))
                    .toList();
        }
        Random random = new Random(20261128L);
        int mutated = 0;
        for (Path file : files) {
            byte[] original = Files.readAllBytes(file);
            int records = new EvtxParser()
                    .parseAll(
                            new java.io.ByteArrayInputStream(original),
                            io.vigil.telemetry.TestContexts.offline("fuzz.input"))
                    .events()
                    .size();
            int free =
                    ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN).getInt(EvtxParser.FILE_HEADER_SIZE + 48);
            for (int i = 0; i < MUTATIONS_PER_FILE; i++) {
                byte[] input = original.clone();
                int at = EvtxParser.FILE_HEADER_SIZE + 512 + random.nextInt(Math.max(1, free - 512));
                int run = 1 + random.nextInt(8);
                for (int j = 0; j < run && at + j < input.length; j++) {
                    input[at + j] = (byte) random.nextInt(256);
                }
                EvtxFixture.fixChecksums(input, 0);

                ParseResult result = ParserProperties.parseSafely(new EvtxParser(), input);

                assertThat(result.events().size()).isLessThanOrEqualTo(records + 64);
                mutated++;
            }
        }
        assertThat(mutated).isEqualTo(FILES * MUTATIONS_PER_FILE);
    }
}
