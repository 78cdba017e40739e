package io.lamina.smoke;

/** The platform did not do what the smoke test expects; the message says what and where. */
public class SmokeFailure extends RuntimeException {

    public SmokeFailure(String message) {
        super(message);
    }
}
