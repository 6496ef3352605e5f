package io.vigil.server.simulate;

import java.io.PrintStream;
import java.time.Clock;

/** Lets tests of other packages run {@code vigil simulate} in process, as SimulateCommandTest does. */
public final class ScenarioRunner {

    private ScenarioRunner() {}

    /** Runs the command with these arguments; returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return SimulateCommand.run(args, null, out, err, Clock.systemUTC());
    }
}
