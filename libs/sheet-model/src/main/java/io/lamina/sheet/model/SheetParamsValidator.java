package io.lamina.sheet.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.contracts.Operation;
import io.lamina.params.ParamsProblem;
import io.lamina.params.ParamsValidator;

import java.util.List;
import java.util.Set;

/**
 * Validates the params of {@code sheet_generation} (Iteration Layer's sheet request, plus Lamina's
 * {@code rows_from}, {@code freeze_header} and {@code autofilter}) with {@link SheetRequestParser}. The gateway uses
 * {@link SheetLimits#DEFAULTS}; sheet-service passes its configured limits and runs the same checks on the resolved
 * params before it writes anything.
 */
public final class SheetParamsValidator implements ParamsValidator {

    private final SheetRequestParser parser;

    public SheetParamsValidator() {
        this(SheetLimits.DEFAULTS);
    }

    public SheetParamsValidator(SheetLimits limits) {
        this.parser = new SheetRequestParser(limits);
    }

    @Override
    public Set<Operation> operations() {
        return Set.of(Operation.SHEET_GENERATION);
    }

    @Override
    public List<ParamsProblem> validate(Operation operation, JsonNode params) {
        return parser.parse(params).problems();
    }
}
