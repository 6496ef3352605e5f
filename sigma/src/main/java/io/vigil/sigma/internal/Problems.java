package io.vigil.sigma.internal;

import io.vigil.sigma.RuleProblem;
import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one rule document. */
public final class Problems {
    private final String file;
    private final List<RuleProblem> list = new ArrayList<>();

    public Problems(String file) {
        this.file = file;
    }

    public void add(int line, String message) {
        list.add(new RuleProblem(file, line, message));
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public List<RuleProblem> list() {
        return List.copyOf(list);
    }

    public String file() {
        return file;
    }
}
