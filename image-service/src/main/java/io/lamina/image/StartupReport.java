package io.lamina.image;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Says at startup what this version of image-service can do. It has no operation beans yet, so the runtime's
 * {@code StepWorker} answers every step on {@code lamina.ops.image.commands} with {@code operation_not_supported};
 * the log line makes that visible to an operator instead of looking like a broken deployment.
 */
@ApplicationScoped
public class StartupReport {

    private static final Logger LOG = Logger.getLogger(StartupReport.class);

    void onStart(@Observes StartupEvent event) {
        LOG.info("image-service is consuming lamina.ops.image.commands; image_transformation and image_generation "
                + "are not implemented in this version, so their steps fail with operation_not_supported");
    }
}
