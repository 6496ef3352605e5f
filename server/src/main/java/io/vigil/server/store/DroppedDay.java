package io.vigil.server.store;

import java.time.LocalDate;

/**
 * A tenant-day the retention job dropped.
 *
 * @param tenant the tenant id
 * @param day the UTC day
 * @param rows how many events it held
 */
public record DroppedDay(String tenant, LocalDate day, long rows) {}
