package io.vigil.server.store;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * One tenant-day partition as the catalog lists it.
 *
 * @param tenantNo the tenant's number in the store
 * @param day the UTC epoch day
 * @param table the table holding it ({@code ev_<tenantNo>_<yyyymmdd>})
 * @param rows how many events it holds
 * @param minEventTime lower bound of its events' times (epoch ms)
 * @param maxEventTime upper bound of its events' times (epoch ms)
 */
record Partition(int tenantNo, int day, String table, long rows, long minEventTime, long maxEventTime) {

    private static final Pattern TABLE = Pattern.compile("ev_[1-9][0-9]{0,9}_[0-9]{8}");

    Partition {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("not a partition table name: " + table);
        }
    }

    /** The table name of a tenant-day; years outside 1000–9999 cannot have one. */
    static String tableName(int tenantNo, int day) {
        LocalDate date = LocalDate.ofEpochDay(day);
        if (tenantNo <= 0 || date.getYear() < 1000 || date.getYear() > 9999) {
            throw new IllegalArgumentException("no partition for tenant " + tenantNo + " on " + date);
        }
        return "ev_" + tenantNo + "_" + date.format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    LocalDate date() {
        return LocalDate.ofEpochDay(day);
    }
}
