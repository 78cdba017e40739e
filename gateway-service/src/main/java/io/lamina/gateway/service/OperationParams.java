package io.lamina.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.contracts.Operation;
import io.lamina.docgen.model.DocumentParamsValidator;
import io.lamina.extraction.model.ExtractionParamsValidator;
import io.lamina.image.model.ImageParamsValidator;
import io.lamina.params.ParamsProblem;
import io.lamina.params.ParamsValidator;
import io.lamina.problem.ApiException;
import io.lamina.sheet.model.SheetParamsValidator;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks each step's params with the operation's own validator (the same code its service runs), so a request the
 * operation would refuse is answered 422 {@code invalid_params} before anything is stored, charged or dispatched.
 */
@ApplicationScoped
public class OperationParams {

    /** How many problems the detail lists; the rest are counted. */
    static final int LISTED = 10;

    private final Map<Operation, ParamsValidator> validators = new EnumMap<>(Operation.class);

    public OperationParams() {
        for (ParamsValidator validator : List.of(new ExtractionParamsValidator(), new ImageParamsValidator(),
                new DocumentParamsValidator(), new SheetParamsValidator())) {
            validator.operations().forEach(op -> validators.put(op, validator));
        }
        for (Operation op : Operation.values()) {
            if (!validators.containsKey(op)) {
                throw new IllegalStateException("no params validator for " + op.id());
            }
        }
    }

    /** Throws 422 {@code invalid_params} naming every problem's path under {@code prefix} (e.g. {@code steps[1].params}). */
    public void check(Operation operation, JsonNode params, String prefix) {
        List<ParamsProblem> problems = validators.get(operation).validate(operation, params);
        if (problems.isEmpty()) {
            return;
        }
        String detail = problems.stream().limit(LISTED).map(p -> p.describe(prefix)).collect(Collectors.joining("; "));
        if (problems.size() > LISTED) {
            detail += "; and " + (problems.size() - LISTED) + " more";
        }
        throw ApiException.unprocessable("invalid_params", detail);
    }
}
