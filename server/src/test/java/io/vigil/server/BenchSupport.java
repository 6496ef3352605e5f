package io.vigil.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.zip.GZIPOutputStream;

/** What the in-process server benchmarks share: gzip bodies as agents send them, and process CPU time. */
public final class BenchSupport {
    private BenchSupport() {}

    /** The gzip of {@code bytes}, as an agent compresses a batch. */
    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * CPU time of this whole process (client and server threads) in nanoseconds: less distorted by
     * other processes on the machine than wall time.
     */
    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
