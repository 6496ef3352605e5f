package io.vigil.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** This process's threads as Linux shows them in {@code /proc/self/task/<tid>/stat} (see man proc). */
public final class ThreadStats {
    private ThreadStats() {}

    /**
     * One thread.
     *
     * @param name the kernel's name of the thread (the Java name cut to 15 chars)
     * @param cpuTicks user and system time in clock ticks (1/100 s)
     * @param nice the thread's nice value
     */
    public record Task(String name, long cpuTicks, int nice) {}

    /** {@return whether this system has {@code /proc/self/task}} */
    public static boolean available() {
        return Files.isDirectory(Path.of("/proc/self/task"));
    }

    /** {@return every live thread of this process; threads ending meanwhile are left out} */
    public static List<Task> tasks() {
        List<Task> tasks = new ArrayList<>();
        try (Stream<Path> list = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) list::iterator) {
                try {
                    tasks.add(parse(Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII)));
                } catch (IOException e) {
                    // the thread ended while listing
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tasks;
    }

    /** {@return the calling thread} */
    public static Task current() {
        try {
            return parse(Files.readString(Path.of("/proc/thread-self/stat"), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Task parse(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        // after "pid (comm) ": state is field 3, utime 14, stime 15, nice 19
        String[] rest = stat.substring(close + 2).split(" ", -1);
        return new Task(
                stat.substring(open + 1, close),
                Long.parseLong(rest[11]) + Long.parseLong(rest[12]),
                Integer.parseInt(rest[16]));
    }
}
