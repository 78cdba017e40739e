package io.lamina.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lamina.contracts.billing.BillingEvent;
import io.lamina.contracts.billing.CreditsCaptured;
import io.lamina.contracts.billing.CreditsDenied;
import io.lamina.contracts.billing.CreditsGranted;
import io.lamina.contracts.billing.CreditsLow;
import io.lamina.contracts.billing.CreditsReleased;
import io.lamina.contracts.billing.CreditsReserved;
import io.lamina.contracts.jobs.JobCancelled;
import io.lamina.contracts.jobs.JobCompleted;
import io.lamina.contracts.jobs.JobEvent;
import io.lamina.contracts.jobs.JobFailed;
import io.lamina.contracts.jobs.JobRejected;
import io.lamina.contracts.jobs.JobSubmitted;
import io.lamina.contracts.jobs.StepCommand;
import io.lamina.contracts.jobs.StepEstimate;
import io.lamina.contracts.jobs.StepFailed;
import io.lamina.contracts.jobs.StepSucceeded;
import io.lamina.contracts.jobs.StepSummary;
import io.lamina.contracts.ops.StepResult;
import io.lamina.contracts.submissions.JobSubmission;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The exact JSON of every Kafka record. Producers and consumers in other services and integrators' code rely on
 * these shapes; a change here is a contract change and needs a new version.
 */
class ContractJsonTest {

    private static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule()).build();
    private static final Instant T = Instant.parse("2026-11-24T07:00:00Z");
    private static final String E = "e-1";
    private static final String TENANT = "t-1";
    private static final String JOB = "j-1";

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text.replace('\'', '"'));
    }

    private static void assertJson(String expected, Object record) throws Exception {
        assertEquals(json(expected), MAPPER.readTree(MAPPER.writeValueAsString(record)));
    }

    @Test
    void jobSubmittedCarriesStepEstimatesAndWebhookUrl() throws Exception {
        assertJson("{'type':'job.submitted','event_id':'e-1','version':1,'time':'2026-11-24T07:00:00Z',"
                        + "'tenant_id':'t-1','job_id':'j-1','steps':[{'step_id':'s','operation':'sheet_generation',"
                        + "'estimated_units':1}],'webhook_url':'https://example.com/hook','api_key_id':'k-1'}",
                new JobSubmitted(E, 1, T, TENANT, JOB, List.of(new StepEstimate("s", "sheet_generation", 1)),
                        "https://example.com/hook", null, "k-1"));
    }

    @Test
    void integratorSubmissionsAndTheirRejections() throws Exception {
        JobSubmission submission = MAPPER.readValue(json("{'submission_id':'sub-1','version':1,"
                + "'time':'2026-11-24T07:00:00Z','tenant_id':'t-1','job':{'steps':[]}}").toString(), JobSubmission.class);
        assertEquals("sub-1", submission.submissionId());
        assertEquals(json("{'steps':[]}"), submission.job());
        assertJson("{'type':'job.rejected','event_id':'e-1','version':1,'time':'2026-11-24T07:00:00Z',"
                        + "'tenant_id':'t-1','submission_id':'sub-1','error':{'code':'unknown_operation',"
                        + "'message':'m','retryable':false}}",
                new JobRejected(E, 1, T, TENANT, null, "sub-1", ErrorInfo.permanent("unknown_operation", "m")));
        assertJson("{'type':'job.submitted','event_id':'e-1','version':1,'time':'2026-11-24T07:00:00Z',"
                        + "'tenant_id':'t-1','job_id':'j-1','steps':[],'submission_id':'sub-1'}",
                new JobSubmitted(E, 1, T, TENANT, JOB, List.of(), null, "sub-1", null));
    }

    @Test
    void stepEventsCarryAttemptUsageAndErrors() throws Exception {
        assertJson("{'type':'step.succeeded','event_id':'e-1','version':1,'time':'2026-11-24T07:00:00Z',"
                        + "'tenant_id':'t-1','job_id':'j-1','step_id':'s','operation':'document_to_markdown',"
                        + "'attempt':2,'usage':{'units':3,'unit':'page'},'output':{'markdown':'# Hi'}}",
                new StepSucceeded(E, 1, T, TENANT, JOB, "s", "document_to_markdown", 2, Usage.pages(3),
                        json("{'markdown':'# Hi'}")));
        assertJson("{'type':'step.failed','event_id':'e-1','version':1,'time':'2026-11-24T07:00:00Z',"
                        + "'tenant_id':'t-1','job_id':'j-1','step_id':'s','operation':'image_generation','attempt':1,"
                        + "'error':{'code':'operation_not_supported','message':'m','retryable':false}}",
                new StepFailed(E, 1, T, TENANT, JOB, "s", "image_generation", 1,
                        ErrorInfo.permanent("operation_not_supported", "m")));
    }

    @Test
    void jobEndedEventsCarryStepSummaries() throws Exception {
        StepSummary ok = new StepSummary("s", "sheet_generation", "succeeded", json("{'file_id':'f'}"), null);
        assertJson("{'type':'job.completed','event_id':'e-1','version':1,'time':'2026-11-24T07:00:00Z',"
                        + "'tenant_id':'t-1','job_id':'j-1','steps':[{'step_id':'s','operation':'sheet_generation',"
                        + "'status':'succeeded','output':{'file_id':'f'}}]}",
                new JobCompleted(E, 1, T, TENANT, JOB, List.of(ok), null));
        assertJson("{'type':'job.failed','event_id':'e-1','version':1,'time':'2026-11-24T07:00:00Z',"
                        + "'tenant_id':'t-1','job_id':'j-1','error':{'code':'insufficient_credits','message':'m',"
                        + "'retryable':false},'steps':[],'webhook_url':'https://example.com/h'}",
                new JobFailed(E, 1, T, TENANT, JOB, ErrorInfo.permanent("insufficient_credits", "m"), List.of(),
                        "https://example.com/h"));
        assertJson("{'type':'job.cancelled','event_id':'e-1','version':1,'time':'2026-11-24T07:00:00Z',"
                        + "'tenant_id':'t-1','job_id':'j-1','steps':[]}",
                new JobCancelled(E, 1, T, TENANT, JOB, List.of(), null));
    }

    @Test
    void commandsAndResultsKeepTheAttemptNumber() throws Exception {
        assertJson("{'event_id':'e-1','version':1,'time':'2026-11-24T07:00:00Z','tenant_id':'t-1','job_id':'j-1',"
                        + "'step_id':'s','operation':'sheet_generation','attempt':3,'params':{'format':'csv'}}",
                new StepCommand(E, 1, T, TENANT, JOB, "s", "sheet_generation", 3, json("{'format':'csv'}"), null));
        assertJson("{'event_id':'e-1','version':1,'time':'2026-11-24T07:00:00Z','tenant_id':'t-1','job_id':'j-1',"
                        + "'step_id':'s','operation':'sheet_generation','attempt':3,'status':'succeeded',"
                        + "'output':{'type':'blob','blob_id':'b','name':'sheet.csv','mime_type':'text/csv','size':5},"
                        + "'usage':{'units':1,'unit':'call'},'run_millis':12}",
                new StepResult(E, 1, T, TENANT, JOB, "s", "sheet_generation", 3, StepResult.SUCCEEDED,
                        MAPPER.valueToTree(BlobRef.of("b", "sheet.csv", "text/csv", 5)), Usage.calls(1), null, 12L));
    }

    @Test
    void billingEventsHaveOneShapePerFact() throws Exception {
        String envelope = "'event_id':'e-1','version':1,'time':'2026-11-24T07:00:00Z','tenant_id':'t-1'";
        assertJson("{'type':'credits.reserved'," + envelope + ",'job_id':'j-1','amount':4,'available':96}",
                new CreditsReserved(E, 1, T, TENANT, JOB, 4, 96));
        assertJson("{'type':'credits.denied'," + envelope + ",'job_id':'j-1','required':4,'available':1,"
                        + "'code':'insufficient_credits'}",
                new CreditsDenied(E, 1, T, TENANT, JOB, 4, 1));
        assertJson("{'type':'credits.denied'," + envelope + ",'job_id':'j-1','required':4,'available':3,"
                        + "'code':'budget_exceeded'}",
                new CreditsDenied(E, 1, T, TENANT, JOB, 4, 3, CreditsDenied.BUDGET_EXCEEDED));
        assertJson("{'type':'credits.captured'," + envelope + ",'job_id':'j-1','step_id':'s','amount':2,'balance':98}",
                new CreditsCaptured(E, 1, T, TENANT, JOB, "s", 2, 98));
        assertJson("{'type':'credits.released'," + envelope + ",'job_id':'j-1','amount':2}",
                new CreditsReleased(E, 1, T, TENANT, JOB, 2));
        assertJson("{'type':'credits.granted'," + envelope + ",'grant_id':'g','amount':100,'balance':100}",
                new CreditsGranted(E, 1, T, TENANT, "g", 100, 100));
    }

    @Test
    void consumersReadFixturesIntoTheRightRecord() throws Exception {
        JobEvent event = MAPPER.readValue(json("{'type':'job.completed','event_id':'e','version':1,"
                + "'time':'2026-11-24T07:00:00Z','tenant_id':'t','job_id':'j','steps':[],'unknown_field':1}")
                .toString(), JobEvent.class);
        assertInstanceOf(JobCompleted.class, event);
        BillingEvent billing = MAPPER.readValue(json("{'type':'credits.denied','event_id':'e','version':1,"
                + "'time':'2026-11-24T07:00:00Z','tenant_id':'t','job_id':'j','required':5,'available':0}")
                .toString(), BillingEvent.class);
        assertEquals(5, ((CreditsDenied) billing).required());
        assertEquals(CreditsDenied.INSUFFICIENT_CREDITS, ((CreditsDenied) billing).errorCode(),
                "a denial without code (older producers) means insufficient credits");
        BillingEvent budget = MAPPER.readValue(json("{'type':'credits.denied','event_id':'e','version':1,"
                + "'time':'2026-11-24T07:00:00Z','tenant_id':'t','job_id':'j','required':5,'available':2,"
                + "'code':'budget_exceeded'}").toString(), BillingEvent.class);
        assertEquals(CreditsDenied.BUDGET_EXCEEDED, ((CreditsDenied) budget).errorCode());
    }

    @Test
    void everyOperationHasACommandTopic() {
        for (Operation op : Operation.values()) {
            assertEquals(op, Operation.byId(op.id()).orElseThrow());
            assertEquals(true, op.commandTopic().startsWith("lamina.ops."));
        }
        assertEquals(Topics.SHEET_COMMANDS, Operation.SHEET_GENERATION.commandTopic());
    }

    @Test
    void creditsLowNamesTheThresholdCrossed() throws Exception {
        assertJson("{'type':'credits.low','event_id':'e-1','version':1,'time':'2026-11-24T07:00:00Z',"
                        + "'tenant_id':'t-1','balance':9,'threshold':10}",
                new CreditsLow(E, 1, T, TENANT, 9, 10));
    }
}
