package io.lamina.params;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParamsProblemTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void describesPathsUnderAPrefix() {
        assertEquals("steps[1].params.sheets[0]: no rows", new ParamsProblem("sheets[0]", "no rows").describe("steps[1].params"));
        assertEquals("steps[1].params[2]: x", new ParamsProblem("[2]", "x").describe("steps[1].params"));
        assertEquals("steps[1].params: empty", new ParamsProblem("", "empty").describe("steps[1].params"));
        assertEquals("a.b: x", new ParamsProblem("a.b", "x").describe(""));
    }

    @Test
    void recognisesReferencesAndFileInputs() throws Exception {
        assertTrue(StepValues.isReference(json.readTree("{\"$step\":\"a\",\"path\":\"/x\"}")));
        assertFalse(StepValues.isReference(json.readTree("{\"$step\":\"a\",\"other\":1}")));
        assertFalse(StepValues.isReference(json.readTree("{\"$step\":3}")));
        assertTrue(StepValues.isReference(json.readTree("{\"$item\":\"/total\"}")));
        assertFalse(StepValues.isReference(json.readTree("{\"$item\":\"/total\",\"x\":1}")));
        assertTrue(StepValues.isFileInput(json.readTree("{\"type\":\"base64\",\"name\":\"a.txt\",\"base64\":\"YQ==\"}")));
        assertTrue(StepValues.isFileInput(json.readTree("{\"type\":\"blob\",\"blob_id\":\"ab\"}")));
        assertFalse(StepValues.isFileInput(json.readTree("{\"type\":\"url\"}")));
    }

    @Test
    void capsTheNumberOfProblems() {
        Problems problems = new Problems();
        for (int i = 0; i < Problems.MAX + 5; i++) {
            problems.add(Problems.index("rows", i), "bad");
        }
        assertEquals(Problems.MAX + 1, problems.list().size());
        assertEquals("5 more problems not listed", problems.list().get(Problems.MAX).message());
    }
}
