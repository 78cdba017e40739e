package io.lamina.params;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.contracts.Operation;

import java.util.List;
import java.util.Set;

/**
 * Checks an operation's {@code params} completely, without doing any of the work, so that a bad request is refused
 * with 422 at submit time. The gateway runs it on every step it accepts; the operation service runs the same code
 * again on the resolved params before it starts, so both agree on what is valid.
 *
 * <p>At submit time a value can still be a pipeline reference ({@link StepValues#isReference}) or a file input that
 * the gateway has turned into a blob reference: a validator accepts a reference wherever a value of that kind could
 * come from an earlier step, and checks it again once it is resolved.
 */
public interface ParamsValidator {

    /** The operations this validator checks. */
    Set<Operation> operations();

    /**
     * Every problem found (empty when the params are valid), each with a path relative to the params object, such as
     * {@code content[3].rows[2]}.
     */
    List<ParamsProblem> validate(Operation operation, JsonNode params);
}
