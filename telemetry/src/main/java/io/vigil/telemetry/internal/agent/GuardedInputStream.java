package io.vigil.telemetry.internal.agent;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * Caps the number of bytes read and turns corrupt compressed data into an end of stream with a
 * recorded problem, so a bad or oversized gzip body becomes a located issue instead of an exception.
 */
final class GuardedInputStream extends FilterInputStream {
    private final long limit;
    private long count;
    private @Nullable String problem;

    GuardedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Nullable
    String problem() {
        return problem;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (problem != null) {
            return -1;
        }
        if (count >= limit) {
            problem = "batch larger than " + limit + " bytes uncompressed; the rest is ignored";
            return -1;
        }
        try {
            int n = super.read(buffer, offset, (int) Math.min(length, limit - count));
            if (n > 0) {
                count += n;
            }
            return n;
        } catch (ZipException | EOFException e) {
            problem = "corrupt or truncated gzip data: " + e.getMessage();
            return -1;
        }
    }
}
