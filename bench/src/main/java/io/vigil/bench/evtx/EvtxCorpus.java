package io.vigil.bench.evtx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * A set of EVTX files held in memory, plus a way to join their chunks into one large file.
 *
 * @param files the files, sorted by path
 * @param contents each file's bytes, in the same order
 */
public record EvtxCorpus(List<Path> files, List<byte[]> contents) {
    static final int FILE_HEADER_SIZE = 4096;
    static final int CHUNK_SIZE = 65536;
    private static final int HEADER_CHECKSUMMED = 120;

    /** Copies the lists and checks they match. */
    public EvtxCorpus {
        files = List.copyOf(files);
        contents = List.copyOf(contents);
        if (files.size() != contents.size()) {
            throw new IllegalArgumentException("one content per file expected");
        }
    }

    /**
     * Reads every {@code *.evtx} file under a directory.
     *
     * @param root the directory to search
     * @return the corpus, files sorted by path
     * @throws UncheckedIOException when the directory cannot be read
     */
    public static EvtxCorpus load(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = walk.filter(p -> p.getFileName().toString().endsWith(".evtx"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
            List<byte[]> contents = new ArrayList<>(files.size());
            for (Path file : files) {
                contents.add(Files.readAllBytes(file));
            }
            return new EvtxCorpus(files, contents);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read EVTX files under " + root, e);
        }
    }

    /** {@return the total size of the files in bytes} */
    public long totalBytes() {
        return contents.stream().mapToLong(c -> c.length).sum();
    }

    /**
     * Joins the chunks of every file into one EVTX file: the first file's header, with the chunk
     * count, last chunk number and header checksum rewritten, followed by every file's 64 KiB chunks in
     * order. Chunks are self-contained (string and template tables are per chunk), so the joined file
     * holds exactly the records of all files; it measures per-record speed without per-file overhead.
     *
     * @return the joined file's bytes
     * @throws IllegalArgumentException when a file is not a header followed by whole chunks, or there
     *     are more chunks than an EVTX header can count
     */
    public byte[] joined() {
        if (contents.isEmpty()) {
            throw new IllegalArgumentException("no EVTX files to join");
        }
        long chunkBytes = 0;
        for (int i = 0; i < contents.size(); i++) {
            int length = contents.get(i).length;
            if (length < FILE_HEADER_SIZE || (length - FILE_HEADER_SIZE) % CHUNK_SIZE != 0) {
                throw new IllegalArgumentException(files.get(i) + " is not a file header followed by whole chunks");
            }
            chunkBytes += length - FILE_HEADER_SIZE;
        }
        long chunks = chunkBytes / CHUNK_SIZE;
        if (chunks == 0 || chunks > 0xFFFF) {
            throw new IllegalArgumentException("an EVTX header counts 1 to 65535 chunks, not " + chunks);
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(FILE_HEADER_SIZE + chunkBytes))
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(contents.get(0), 0, FILE_HEADER_SIZE);
        for (byte[] content : contents) {
            out.put(content, FILE_HEADER_SIZE, content.length - FILE_HEADER_SIZE);
        }
        out.putLong(8, 0); // first chunk number
        out.putLong(16, chunks - 1); // last chunk number
        out.putShort(42, (short) chunks); // number of chunks (unsigned 16 bits)
        CRC32 crc = new CRC32();
        crc.update(out.array(), 0, HEADER_CHECKSUMMED);
        out.putInt(124, (int) crc.getValue());
        return out.array();
    }
}
