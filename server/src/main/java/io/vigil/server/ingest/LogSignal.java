package io.vigil.server.ingest;

import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Wakes log consumers in this process when an append commits, so an event reaches the store in
 * milliseconds instead of after the idle wait. Consumers in other processes fall back to polling.
 */
@Component
class LogSignal {

    private final Object monitor = new Object();
    private long appends;

    void appended() {
        synchronized (monitor) {
            appends++;
            monitor.notifyAll();
        }
    }

    /** {@return the number of appends so far} to pass to {@link #await}. */
    long current() {
        synchronized (monitor) {
            return appends;
        }
    }

    /** Waits until an append after {@code seen} happens, or the timeout passes. */
    void await(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (appends == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                monitor.wait(Math.max(1, left / 1_000_000));
            }
        }
    }
}
