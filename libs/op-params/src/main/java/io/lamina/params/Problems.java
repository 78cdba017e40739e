package io.lamina.params;

import java.util.ArrayList;
import java.util.List;

/** Collects {@link ParamsProblem}s while a validator walks the params; caps how many are kept. */
public final class Problems {

    /** More than this many problems in one request is noise: the rest are counted, not listed. */
    public static final int MAX = 50;

    private final List<ParamsProblem> problems = new ArrayList<>();
    private int dropped;

    public void add(String path, String message) {
        if (problems.size() < MAX) {
            problems.add(new ParamsProblem(path, message));
        } else {
            dropped++;
        }
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<ParamsProblem> list() {
        if (dropped == 0) {
            return List.copyOf(problems);
        }
        List<ParamsProblem> all = new ArrayList<>(problems);
        all.add(new ParamsProblem("", dropped + " more problems not listed"));
        return List.copyOf(all);
    }

    /** {@code parent.child}, or {@code child} at the top. */
    public static String field(String parent, String child) {
        return parent.isEmpty() ? child : parent + "." + child;
    }

    /** {@code parent[index]}. */
    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
