package io.vigil.bench.evtx;

import java.util.Arrays;
import java.util.List;

/**
 * The spread of repeated timings of the same work.
 *
 * @param medianNanos median duration
 * @param minNanos shortest duration
 * @param maxNanos longest duration
 * @param runs how many timings
 */
public record Spread(long medianNanos, long minNanos, long maxNanos, int runs) {

    /**
     * Summarises timings.
     *
     * @param nanos durations in nanoseconds, at least one
     * @return their median, minimum and maximum (median of an even count: the mean of the middle two)
     */
    public static Spread of(List<Long> nanos) {
        if (nanos.isEmpty()) {
            throw new IllegalArgumentException("no timings");
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        long median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Spread(median, sorted[0], sorted[n - 1], n);
    }

    /**
     * Formats a rate: the amount per second at the median time, with the range from the slowest to
     * the fastest run.
     *
     * @param amount the work done by each run (records, or megabytes)
     * @param decimals digits after the decimal point
     * @return e.g. {@code 12,345 (11,000–13,000)}
     */
    public String rate(double amount, int decimals) {
        String number = "%,." + decimals + "f";
        return String.format(
                number + " (" + number + "–" + number + ")",
                perSecond(amount, medianNanos),
                perSecond(amount, maxNanos),
                perSecond(amount, minNanos));
    }

    /**
     * {@return the rate at the median time}
     *
     * @param amount the work done by each run
     */
    public double medianRate(double amount) {
        return perSecond(amount, medianNanos);
    }

    private static double perSecond(double amount, long nanos) {
        return amount * 1e9 / nanos;
    }
}
