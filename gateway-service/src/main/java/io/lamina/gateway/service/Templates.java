package io.lamina.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.gateway.Template;
import io.lamina.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/** Stores template versions and puts a stored template into a {@code document_generation} step's params. */
@ApplicationScoped
public class Templates {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
    /** Largest stored document model. */
    static final int MAX_DOCUMENT_CHARS = 1_000_000;

    @Inject
    ObjectMapper mapper;

    /** Adds the next version of {@code name}; concurrent adds of one name are serialized by the unique key. */
    @Transactional
    public Template add(UUID tenantId, JsonNode name, JsonNode document) {
        if (!name.isTextual() || !NAME.matcher(name.asText()).matches()) {
            throw ApiException.unprocessable("invalid_request",
                    "name: required; 1-100 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        if (document == null || !document.isObject()) {
            throw ApiException.unprocessable("invalid_request", "document: required, a document model object");
        }
        String json = document.toString();
        if (json.length() > MAX_DOCUMENT_CHARS) {
            throw ApiException.tooLarge("request_too_large", "document: at most " + MAX_DOCUMENT_CHARS + " characters");
        }
        Template.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(?1)")
                .setParameter(1, ((long) tenantId.hashCode() << 32) ^ name.asText().hashCode()).getSingleResult();
        int next = Template.find(tenantId, name.asText(), null).map(t -> t.version + 1).orElse(1);
        Template t = new Template();
        t.id = UUID.randomUUID();
        t.tenantId = tenantId;
        t.name = name.asText();
        t.version = next;
        t.document = json;
        t.createdAt = Instant.now();
        t.persist();
        return t;
    }

    public JsonNode view(Template t, boolean withDocument) {
        ObjectNode view = mapper.createObjectNode();
        view.put("id", t.id.toString());
        view.put("name", t.name);
        view.put("version", t.version);
        view.put("created_at", t.createdAt.toString());
        if (withDocument) {
            try {
                view.set("document", mapper.readTree(t.document));
            } catch (IOException e) {
                throw new IllegalStateException("stored template " + t.id + " is not JSON", e);
            }
        }
        return view;
    }
}
