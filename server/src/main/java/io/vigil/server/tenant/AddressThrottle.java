package io.vigil.server.tenant;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts failed sign-ins per client address in a sliding window, so one address cannot guess
 * passwords across many accounts. Plain Java, time passed in; bounded memory (the oldest addresses
 * are forgotten first beyond {@code maxAddresses}).
 */
final class AddressThrottle {

    private final int maxFailures;
    private final Duration window;
    private final int maxAddresses;
    private final Map<String, Deque<Instant>> failures;

    AddressThrottle(int maxFailures, Duration window, int maxAddresses) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.maxAddresses = maxAddresses;
        this.failures = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** When the address may try again, if it is refused at {@code now}. */
    synchronized Optional<Instant> refusedUntil(String address, Instant now) {
        Deque<Instant> times = failures.get(address);
        if (times == null) {
            return Optional.empty();
        }
        prune(times, now);
        if (times.size() < maxFailures) {
            return Optional.empty();
        }
        return Optional.of(times.peekFirst().plus(window));
    }

    synchronized void failed(String address, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        prune(times, now);
        times.addLast(now);
        while (times.size() > maxFailures) {
            times.removeFirst();
        }
        if (failures.size() > maxAddresses) {
            String eldest = failures.keySet().iterator().next();
            failures.remove(eldest);
        }
    }

    private void prune(Deque<Instant> times, Instant now) {
        Instant cutoff = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
            times.removeFirst();
        }
    }
}
