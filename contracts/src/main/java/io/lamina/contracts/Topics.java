package io.lamina.contracts;

/**
 * Kafka topic names. Producers, consumers and tests use these constants; nothing else names a topic.
 * Every topic's key is the job id, so all records of one job stay in order on one partition.
 */
public final class Topics {

    /** Job and step lifecycle: the event log read by billing, webhooks and integrators. Records: {@code JobEvent}. */
    public static final String JOB_EVENTS = "lamina.jobs.events";

    /**
     * Job submissions from internal integrators (record {@code JobSubmission}, key: submission id). Validated like
     * {@code POST /v1/jobs}; the outcome appears on {@link #JOB_EVENTS} as {@code job.submitted} or {@code job.rejected},
     * both carrying the submission id.
     */
    public static final String JOB_SUBMISSIONS = "lamina.jobs.submissions";

    /** Step commands for extraction-service ({@code document_extraction}, {@code document_to_markdown}, {@code website_extraction}). */
    public static final String EXTRACTION_COMMANDS = "lamina.ops.extraction.commands";
    /** Step commands for image-service ({@code image_transformation}, {@code image_generation}). */
    public static final String IMAGE_COMMANDS = "lamina.ops.image.commands";
    /** Step commands for docgen-service ({@code document_generation}). */
    public static final String DOCGEN_COMMANDS = "lamina.ops.docgen.commands";
    /** Step commands for sheet-service ({@code sheet_generation}). */
    public static final String SHEET_COMMANDS = "lamina.ops.sheet.commands";

    /**
     * Control records for every operation service replica (each replica reads all of them, from the latest offset):
     * {@code CancelJob} — stop work on a job that was cancelled or failed (best effort).
     */
    public static final String OPS_CONTROL = "lamina.ops.control";

    /** Progress of running steps ({@code StepProgress}), e.g. pages done; informational, may be lost. */
    public static final String STEP_PROGRESS = "lamina.ops.progress";

    /** Step results from every operation service. Records: {@code StepResult}. */
    public static final String STEP_RESULTS = "lamina.ops.results";

    /** Credit reservations, denials, captures, releases and grants. Records: {@code BillingEvent}. */
    public static final String BILLING_EVENTS = "lamina.billing.events";

    /** Suffix of the dead-letter topic of any topic above. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }
}
