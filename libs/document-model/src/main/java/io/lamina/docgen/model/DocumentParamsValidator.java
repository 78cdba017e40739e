package io.lamina.docgen.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.contracts.Operation;
import io.lamina.params.ParamsProblem;
import io.lamina.params.ParamsValidator;
import io.lamina.params.Problems;
import io.lamina.params.StepValues;

import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Validates the params of {@code document_generation}: Iteration Layer's {@code GenerateDocumentRequest}
 * ({@code format}, {@code document}) plus Lamina's {@code template} + {@code data} (see {@link DocumentTemplate}),
 * {@code pdf_standard} and {@code merge}. A template whose data is known is rendered and the result validated, so a
 * template error is a 422 at submit too.
 */
public final class DocumentParamsValidator implements ParamsValidator {

    public static final Set<String> FORMATS = Set.of("pdf", "docx", "epub", "pptx");
    public static final String PDF_A_2B = "pdf_a_2b";

    @Override
    public Set<Operation> operations() {
        return Set.of(Operation.DOCUMENT_GENERATION);
    }

    @Override
    public List<ParamsProblem> validate(Operation operation, JsonNode params) {
        Problems problems = new Problems();
        if (params == null || !params.isObject()) {
            problems.add("", "must be an object {format, document}");
            return problems.list();
        }
        for (Iterator<String> it = params.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!Set.of("format", "document", "template", "data", "pdf_standard", "merge").contains(name)) {
                problems.add(name, "unknown field; allowed: format, document, template, data, pdf_standard, merge");
            }
        }
        JsonNode format = params.get("format");
        boolean pdf = format != null && "pdf".equals(format.asText());
        if (format == null || !FORMATS.contains(format.asText()) || !format.isTextual()) {
            problems.add("format", "required; one of pdf, docx, epub, pptx");
        }
        JsonNode document = params.get("document");
        JsonNode template = params.get("template");
        JsonNode data = params.get("data");
        if ((document == null) == (template == null)) {
            problems.add("", "give either \"document\" (a document model) or \"template\" with \"data\"");
        } else if (document != null) {
            if (data != null) {
                problems.add("data", "only used with \"template\"");
            }
            if (!StepValues.isReference(document)) {
                new DocumentValidator(problems).document(document, "document");
            }
        } else if (data != null && !data.isObject() && !StepValues.isReference(data)) {
            problems.add("data", "must be an object (the values the template's placeholders name)");
        } else if (!StepValues.isReference(template) && !StepValues.isReference(data)) {
            if (!template.isObject()) {
                problems.add("template", "must be an object (a document model with placeholders)");
            } else {
                try {
                    JsonNode rendered = DocumentTemplate.render(template, data, "template");
                    Problems inner = new Problems();
                    new DocumentValidator(inner).document(rendered, "template");
                    inner.list().forEach(p -> problems.add(p.path(), p.message()
                            + " (in the document rendered from the template)"));
                } catch (DocumentTemplate.TemplateException e) {
                    problems.add(e.path(), e.getMessage());
                }
            }
        }
        JsonNode standard = params.get("pdf_standard");
        if (standard != null) {
            if (!PDF_A_2B.equals(standard.asText())) {
                problems.add("pdf_standard", "must be \"" + PDF_A_2B + "\"");
            } else if (!pdf) {
                problems.add("pdf_standard", "only for format pdf");
            }
        }
        JsonNode merge = params.get("merge");
        if (merge != null) {
            merge(merge, pdf, problems);
            if (standard != null) {
                problems.add("merge", "cannot be combined with pdf_standard: merged files are not converted to PDF/A");
            }
        }
        return problems.list();
    }

    private static void merge(JsonNode merge, boolean pdf, Problems problems) {
        if (!merge.isObject()) {
            problems.add("merge", "must be an object {prepend: [files], append: [files]}");
            return;
        }
        if (!pdf) {
            problems.add("merge", "merging is only for format pdf");
        }
        for (Iterator<String> it = merge.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            JsonNode files = merge.get(name);
            if (!name.equals("prepend") && !name.equals("append")) {
                problems.add("merge." + name, "unknown field; allowed: append, prepend");
            } else if (StepValues.isReference(files)) {
                continue;
            } else if (!files.isArray()) {
                problems.add("merge." + name, "must be an array of PDF file inputs");
            } else {
                for (int i = 0; i < files.size(); i++) {
                    JsonNode file = files.get(i);
                    if (!StepValues.isFileInput(file) && !StepValues.isReference(file)) {
                        problems.add("merge." + name + "[" + i + "]", "must be a PDF file input such as "
                                + "{\"type\":\"file\",\"file_id\":…} or an earlier step's output {\"$step\":…}");
                    }
                }
            }
        }
    }
}
