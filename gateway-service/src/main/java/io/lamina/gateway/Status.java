package io.lamina.gateway;

/** Job and step statuses, as stored and as shown in the API. */
public final class Status {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    private Status() {
    }

    public static boolean isKnown(String status) {
        return QUEUED.equals(status) || RUNNING.equals(status) || isTerminal(status);
    }

    public static boolean isTerminal(String status) {
        return SUCCEEDED.equals(status) || FAILED.equals(status) || CANCELLED.equals(status);
    }
}
