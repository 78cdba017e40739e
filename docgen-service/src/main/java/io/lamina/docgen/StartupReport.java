package io.lamina.docgen;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Says at startup what this version of docgen-service can do. It has no operation beans yet, so the runtime's
 * {@code StepWorker} answers every step on {@code lamina.ops.docgen.commands} with {@code operation_not_supported};
 * the log line makes that visible to an operator instead of looking like a broken deployment.
 */
@ApplicationScoped
public class StartupReport {

    private static final Logger LOG = Logger.getLogger(StartupReport.class);

    void onStart(@Observes StartupEvent event) {
        LOG.info("docgen-service (AGPL-3.0) is consuming lamina.ops.docgen.commands; document_generation is not "
                + "implemented in this version, so its steps fail with operation_not_supported");
    }
}
