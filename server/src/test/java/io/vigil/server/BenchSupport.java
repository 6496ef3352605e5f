package io.vigil.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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

    /**
     * CPU time of this process's threads in nanoseconds, summed by thread name with digits removed
     * (so the request threads are one group). On Linux it reads {@code /proc/self/task}, which also
     * shows the JVM's own threads (JIT compilers, GC) under their kernel names (at most 15 chars), at
     * the kernel's tick resolution; elsewhere it asks the {@link ThreadMXBean} (Java threads only).
     * Threads that ended in between are missing, so print the process total as well.
     */
    public static Map<String, Long> cpuByThreadGroup() {
        Map<String, Long> out = new TreeMap<>();
        if (ThreadStats.available()) {
            long nanosPerTick = 10_000_000L; // USER_HZ is 100 on every Linux this runs on
            for (ThreadStats.Task task : ThreadStats.tasks()) {
                out.merge(group(task.name()), task.cpuTicks() * nanosPerTick, Long::sum);
            }
            return out;
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (long id : mx.getAllThreadIds()) {
            ThreadInfo info = mx.getThreadInfo(id);
            long nanos = mx.getThreadCpuTime(id);
            if (info != null && nanos > 0) {
                out.merge(group(info.getThreadName()), nanos, Long::sum);
            }
        }
        return out;
    }

    private static String group(String threadName) {
        return threadName.replaceAll("[0-9]+", "N");
    }

    /**
     * One line: each thread group's CPU time between two {@link #cpuByThreadGroup()} readings per
     * event, largest first.
     */
    public static String cpuPerEvent(Map<String, Long> before, Map<String, Long> after, long events) {
        Map<String, Long> delta = new TreeMap<>(after);
        before.forEach((group, nanos) -> delta.merge(group, -nanos, Long::sum));
        StringBuilder line = new StringBuilder();
        delta.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(e -> e.getValue() > 0)
                .forEach(e -> line.append(
                        String.format(Locale.ROOT, " %s %.1f,", e.getKey(), e.getValue() / 1e3 / Math.max(1, events))));
        return line.length() == 0 ? "" : line.substring(0, line.length() - 1);
    }

    /**
     * Bytes this process has passed to write calls ({@code wchar} of {@code /proc/self/io}), or -1
     * where that file does not exist: with SQLite, what the database files and WAL were written.
     */
    public static long bytesWritten() {
        Path io = Path.of("/proc/self/io");
        if (!Files.isReadable(io)) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(io, StandardCharsets.US_ASCII)) {
                if (line.startsWith("wchar:")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
