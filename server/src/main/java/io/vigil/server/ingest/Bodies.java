package io.vigil.server.ingest;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * Reads request bodies within limits: a declared {@code Content-Length} over the limit is refused
 * before a byte is read, a body that grows past it while streaming is refused as soon as it does,
 * and {@code Content-Encoding: gzip} is undone with its own limit (no decompression bombs). A
 * refused body is never parsed, so nothing of it is stored.
 */
final class Bodies {

    private static final int BUFFER = 64 * 1024;

    private Bodies() {}

    /** The whole (decoded) body in memory: for batches, whose size is bounded by the limits. */
    static byte[] read(
            HttpServletRequest request, DataSize maxSize, DataSize maxDecompressed, IngestBuffers.Lease lease)
            throws IOException {
        Buffer body = readBuffer(request, maxSize, maxDecompressed, lease);
        return body.count() == body.bytes().length ? body.bytes() : Arrays.copyOf(body.bytes(), body.count());
    }

    /** The same, without the final copy to the exact length: as a stream over the buffer. */
    static InputStream readStream(
            HttpServletRequest request, DataSize maxSize, DataSize maxDecompressed, IngestBuffers.Lease lease)
            throws IOException {
        Buffer body = readBuffer(request, maxSize, maxDecompressed, lease);
        return new ByteArrayInputStream(body.bytes(), 0, body.count());
    }

    /** The first {@code count} bytes of {@code bytes} are a body. */
    @SuppressWarnings("ArrayRecordComponent") // private, read once
    private record Buffer(byte[] bytes, int count) {}

    /** A {@link ByteArrayOutputStream} that hands out its buffer instead of a copy. */
    private static final class Out extends ByteArrayOutputStream {
        Out(int size) {
            super(size);
        }

        Buffer buffer() {
            return new Buffer(buf, count);
        }
    }

    private static Buffer readBuffer(
            HttpServletRequest request, DataSize maxSize, DataSize maxDecompressed, IngestBuffers.Lease lease)
            throws IOException {
        long limit = maxSize.toBytes();
        checkDeclaredLength(request, limit);
        boolean gzip = gzip(request);
        // Only what ends up in memory counts against the budget: the body, or its inflated form.
        InputStream raw =
                new Limited(request.getInputStream(), limit, "The request body", maxSize, gzip ? null : lease);
        if (!gzip) {
            Out out = new Out(initial(request, limit));
            raw.transferTo(out);
            return out.buffer();
        }
        try (InputStream decoded = new Limited(
                new GZIPInputStream(raw, BUFFER),
                maxDecompressed.toBytes(),
                "The decompressed body",
                maxDecompressed,
                lease)) {
            Out out = new Out(initial(request, limit) * 4);
            decoded.transferTo(out);
            return out.buffer();
        } catch (ZipException | java.io.EOFException e) {
            throw new IngestException(
                    400, "The body says Content-Encoding: gzip but is not valid gzip: " + e.getMessage());
        }
    }

    /** The whole (decoded) body in a temporary file: for uploads too large for memory. */
    static Path spool(HttpServletRequest request, DataSize maxSize, Path dir) throws IOException {
        long limit = maxSize.toBytes();
        checkDeclaredLength(request, limit);
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, "upload-", ".part");
        boolean done = false;
        try {
            InputStream in = new Limited(request.getInputStream(), limit, "The file", maxSize, null);
            if (gzip(request)) {
                in = new Limited(new GZIPInputStream(in, BUFFER), limit, "The decompressed file", maxSize, null);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                in.transferTo(out);
            } catch (ZipException e) {
                throw new IngestException(
                        400, "The body says Content-Encoding: gzip but is not valid gzip: " + e.getMessage());
            }
            done = true;
            return file;
        } finally {
            if (!done) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Refuses a body whose {@code Content-Type} (without parameters) is not one of {@code accepted}
     * with a 415 that lists them.
     *
     * @return the matching type, lower-case
     */
    static String requireContentType(HttpServletRequest request, java.util.List<String> accepted) {
        String type = request.getContentType();
        String base = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!accepted.contains(base)) {
            throw new IngestException(
                    415,
                    "Content-Type '" + (type == null ? "" : clip(type)) + "' is not accepted here; send "
                            + String.join(" or ", accepted) + ".");
        }
        return base;
    }

    private static void checkDeclaredLength(HttpServletRequest request, long limit) {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw new IngestException(
                    413,
                    "The request body is " + declared + " bytes; the limit is " + limit
                            + " bytes (setting vigil.ingest). Send smaller batches.");
        }
    }

    private static boolean gzip(HttpServletRequest request) {
        String encoding = request.getHeader("Content-Encoding");
        if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
            return false;
        }
        if (encoding.strip().toLowerCase(Locale.ROOT).equals("gzip")) {
            return true;
        }
        throw new IngestException(
                415, "Content-Encoding '" + clip(encoding) + "' is not supported; send gzip or no encoding.");
    }

    private static int initial(HttpServletRequest request, long limit) {
        long declared = request.getContentLengthLong();
        return (int) Math.min(declared > 0 ? declared : BUFFER, Math.min(limit, 16L * 1024 * 1024));
    }

    static String clip(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    /** Counts bytes and refuses the body the moment it passes the limit. */
    private static final class Limited extends InputStream {
        private final InputStream in;
        private final long limit;
        private final String what;
        private final DataSize shown;
        private final IngestBuffers.@Nullable Lease lease;
        private long count;

        /** {@code lease}: the memory budget to grow while reading into memory, or null when spooling to disk. */
        Limited(InputStream in, long limit, String what, DataSize shown, IngestBuffers.@Nullable Lease lease) {
            this.in = in;
            this.limit = limit;
            this.what = what;
            this.shown = shown;
            this.lease = lease;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(int n) {
            count += n;
            if (count > limit) {
                throw new IngestException(
                        413,
                        what + " is larger than the limit of " + shown.toBytes() + " bytes (" + shown
                                + ", setting vigil.ingest); nothing of it was stored. Send smaller batches.");
            }
            if (lease != null) {
                lease.cover(count);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
