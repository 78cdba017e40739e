package io.lamina.params;

/**
 * One thing wrong with an operation's params: {@code path} relative to the params object ({@code ""} for the object
 * itself, {@code sheets[0].rows[2]} below it), and a message a person can act on.
 */
public record ParamsProblem(String path, String message) {

    /** {@code path: message}, with {@code prefix} (such as {@code steps[1].params}) in front of the path. */
    public String describe(String prefix) {
        String full = path.isEmpty() ? prefix : prefix.isEmpty() ? path
                : path.startsWith("[") ? prefix + path : prefix + "." + path;
        return full.isEmpty() ? message : full + ": " + message;
    }
}
