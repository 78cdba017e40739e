package io.lamina.sheet.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.contracts.Operation;
import io.lamina.params.ParamsProblem;
import io.lamina.params.ParamsValidator;

import java.util.List;
import java.util.Set;

/** Validates the params of sheet_generation. Not written yet: accepts every params object (the service checks at run time). */
public final class SheetParamsValidator implements ParamsValidator {

    @Override
    public Set<Operation> operations() {
        return Set.of(Operation.SHEET_GENERATION);
    }

    @Override
    public List<ParamsProblem> validate(Operation operation, JsonNode params) {
        return List.of();
    }
}
