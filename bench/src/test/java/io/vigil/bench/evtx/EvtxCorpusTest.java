package io.vigil.bench.evtx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class EvtxCorpusTest {

    @Test
    void shouldJoinTheChunksOfEveryFileBehindOneRewrittenHeader() {
        byte[] first = file(1, (byte) 1);
        byte[] second = file(2, (byte) 2);
        EvtxCorpus corpus = new EvtxCorpus(List.of(Path.of("a.evtx"), Path.of("b.evtx")), List.of(first, second));

        byte[] joined = corpus.joined();

        ByteBuffer header = ByteBuffer.wrap(joined).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(joined).hasSize(EvtxCorpus.FILE_HEADER_SIZE + 3 * EvtxCorpus.CHUNK_SIZE);
        assertThat(header.getLong(16)).as("last chunk number").isEqualTo(2);
        assertThat(header.getShort(42)).as("number of chunks").isEqualTo((short) 3);
        CRC32 crc = new CRC32();
        crc.update(joined, 0, 120);
        assertThat(header.getInt(124)).as("header checksum").isEqualTo((int) crc.getValue());
        assertThat(joined[EvtxCorpus.FILE_HEADER_SIZE]).as("first file's chunk").isEqualTo((byte) 1);
        assertThat(joined[EvtxCorpus.FILE_HEADER_SIZE + EvtxCorpus.CHUNK_SIZE])
                .as("second file's chunks follow")
                .isEqualTo((byte) 2);
        assertThat(joined[joined.length - 1]).isEqualTo((byte) 2);
        assertThat(corpus.totalBytes()).isEqualTo(first.length + (long) second.length);
    }

    @Test
    void shouldRefuseAFileThatIsNotAHeaderFollowedByWholeChunks() {
        byte[] cut = Arrays.copyOf(file(1, (byte) 1), EvtxCorpus.FILE_HEADER_SIZE + 100);
        EvtxCorpus corpus = new EvtxCorpus(List.of(Path.of("cut.evtx")), List.of(cut));

        assertThatThrownBy(corpus::joined).hasMessageContaining("cut.evtx");
    }

    @Test
    void shouldParseTheJoinedRegressionFilesToAsManyRecordsAsTheFilesThemselves() {
        EvtxCorpus corpus = EvtxCorpus.load(SharedData.require("datasets/sigma/regression_data"));
        VigilEvtx vigil = new VigilEvtx();
        VigilEvtx.Tally separate = new VigilEvtx.Tally(0, 0, 0);
        for (int i = 0; i < corpus.files().size(); i++) {
            separate = separate.plus(vigil.parse(
                    corpus.files().get(i).toString(), corpus.contents().get(i)));
        }

        VigilEvtx.Tally joined = vigil.parse("joined.evtx", corpus.joined());

        assertThat(corpus.files()).hasSizeGreaterThan(100);
        assertThat(separate.events()).isGreaterThan(corpus.files().size());
        assertThat(joined).isEqualTo(separate);
        assertThat(joined.issues()).isZero();
    }

    private static byte[] file(int chunks, byte fill) {
        byte[] content = new byte[EvtxCorpus.FILE_HEADER_SIZE + chunks * EvtxCorpus.CHUNK_SIZE];
        System.arraycopy("ElfFile\0".getBytes(StandardCharsets.US_ASCII), 0, content, 0, 8);
        Arrays.fill(content, EvtxCorpus.FILE_HEADER_SIZE, content.length, fill);
        return content;
    }
}
