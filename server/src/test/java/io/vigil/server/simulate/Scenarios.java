package io.vigil.server.simulate;

import java.util.Set;
import java.util.TreeSet;

/** What the shipped simulator scenarios say about themselves, for tests outside this package. */
public final class Scenarios {

    private Scenarios() {}

    /** {@return every ATT&CK technique the shipped scenarios' detections should carry} */
    public static Set<String> techniques() {
        Set<String> all = new TreeSet<>();
        Scenario.all().forEach(s -> all.addAll(s.techniques()));
        return all;
    }

    /** {@return the demo tenant's name} */
    public static String demoTenant() {
        return DemoSeeder.NAME;
    }
}
