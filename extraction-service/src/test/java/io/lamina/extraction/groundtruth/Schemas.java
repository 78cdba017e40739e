package io.lamina.extraction.groundtruth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.extraction.model.schema.ExtractionSchema;
import io.lamina.extraction.model.schema.SchemaReader;
import io.lamina.params.Problems;

/** The schemas the ground-truth documents are extracted with, as a client would send them. */
final class Schemas {

    static final String INVOICE = """
            {"fields": [
              {"name": "invoice_number", "type": "TEXT", "description": "The invoice number"},
              {"name": "invoice_date", "type": "DATE", "description": "Date the invoice was issued"},
              {"name": "due_date", "type": "DATE", "description": "Payment due date"},
              {"name": "vendor_name", "type": "TEXT", "description": "Company that issued the invoice"},
              {"name": "customer_name", "type": "TEXT", "description": "Who the invoice is billed to"},
              {"name": "customer_email", "type": "EMAIL", "description": "Customer e-mail address"},
              {"name": "iban", "type": "IBAN", "description": "Bank account to pay to"},
              {"name": "currency", "type": "CURRENCY_CODE", "description": "Currency of the amounts"},
              {"name": "subtotal", "type": "CURRENCY_AMOUNT", "description": "Net amount before tax", "decimal_points": 2},
              {"name": "tax", "type": "CURRENCY_AMOUNT", "description": "VAT amount", "decimal_points": 2},
              {"name": "total", "type": "CURRENCY_AMOUNT", "description": "Total amount due", "decimal_points": 2},
              {"name": "line_items", "type": "ARRAY", "description": "Invoice lines", "fields": [
                {"name": "description", "type": "TEXT", "description": "What was sold"},
                {"name": "quantity", "type": "INTEGER", "description": "How many"},
                {"name": "unit_price", "type": "CURRENCY_AMOUNT", "description": "Price per unit", "decimal_points": 2},
                {"name": "amount", "type": "CURRENCY_AMOUNT", "description": "Line total", "decimal_points": 2}
              ]},
              {"name": "items_total", "type": "CALCULATED", "description": "Sum of the line amounts",
               "operation": "sum", "source_field_names": ["line_items.amount"]}
            ]}""";

    static final String RECEIPT = """
            {"fields": [
              {"name": "merchant", "type": "TEXT", "description": "The store"},
              {"name": "receipt_number", "type": "TEXT", "description": "Receipt number"},
              {"name": "date", "type": "DATE", "description": "Purchase date"},
              {"name": "time", "type": "TIME", "description": "Purchase time"},
              {"name": "total", "type": "CURRENCY_AMOUNT", "description": "Amount paid", "decimal_points": 2},
              {"name": "payment_method", "type": "ENUM", "description": "How it was paid",
               "values": ["cash", "card"]}
            ]}""";

    static final String FORM = """
            {"fields": [
              {"name": "first_name", "type": "TEXT", "description": "Given name"},
              {"name": "last_name", "type": "TEXT", "description": "Family name"},
              {"name": "date_of_birth", "type": "DATE", "description": "Birth date"},
              {"name": "email", "type": "EMAIL", "description": "E-mail address"},
              {"name": "country", "type": "COUNTRY", "description": "Country"},
              {"name": "newsletter", "type": "BOOLEAN", "description": "Subscribed to the newsletter"},
              {"name": "address", "type": "ADDRESS", "description": "Postal address"}
            ]}""";

    private Schemas() {
    }

    static ExtractionSchema of(String name) {
        String json = switch (name) {
            case "invoice" -> INVOICE;
            case "receipt" -> RECEIPT;
            default -> FORM;
        };
        try {
            Problems problems = new Problems();
            ExtractionSchema schema = SchemaReader.read(new ObjectMapper().readTree(json), "schema", problems);
            if (!problems.isEmpty()) {
                throw new IllegalStateException(problems.list().toString());
            }
            return schema;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
